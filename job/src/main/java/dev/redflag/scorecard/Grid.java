package dev.redflag.scorecard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The scenarios of a scorecard: every KPI model at each of its volumes, each of its incidents for
 * 3 hours, 1 day and 1 week, and a quiet history, once per seed. Incident histories have a warm-up
 * of 28 days and a test period of 14 days, the incident starting at a random hour of it that
 * leaves its day of grace inside; quiet histories test for 56 days. Histories start on a Monday.
 */
final class Grid {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final Duration WARM_UP = Duration.ofDays(28);
    static final Duration INCIDENT_TEST = Duration.ofDays(14);
    static final Duration QUIET_TEST = Duration.ofDays(56);
    static final List<Duration> LENGTHS = List.of(Duration.ofHours(3), Duration.ofDays(1), Duration.ofDays(7));

    static final List<Volume> SESSIONS = List.of(Volume.perDay(10), Volume.perDay(100), Volume.perHour(12),
            Volume.perHour(100), Volume.perHour(3000));
    static final List<Volume> LEADS = List.of(Volume.perDay(3), Volume.perDay(12), Volume.perDay(50),
            Volume.perDay(500));
    static final List<Volume> BASES = List.of(Volume.customers(300), Volume.customers(3000),
            Volume.customers(30000), Volume.customers(300000));

    /** The KPIs, their volumes and incidents (issue 15, point 6). */
    static final List<KpiModel> MODELS = List.of(
            new RatioModel("bounce_rate", 0.40, SESSIONS,
                    List.of(Effect.times(1.25), Effect.times(1.5), Effect.times(2))),
            new RatioModel("conversion_rate", 0.08, SESSIONS, List.of(Effect.times(0.5), Effect.times(0.2))),
            new NpsModel(SESSIONS, List.of(Effect.points(-20), Effect.points(-40), Effect.points(-60))),
            new FunnelModel(LEADS, List.of(Effect.stall())),
            new ChurnModel(BASES, List.of(Effect.times(3), Effect.times(10))),
            new CountModel("sessions", SESSIONS, List.of(Effect.times(0.3))),
            new ArpuModel(SESSIONS));

    private Grid() {
    }

    static List<String> kpis(List<KpiModel> models) {
        return models.stream().map(KpiModel::kpi).toList();
    }

    static List<Scenario> scenarios(List<KpiModel> models, int seeds) {
        List<Scenario> out = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            for (KpiModel model : models) {
                for (Volume volume : model.volumes()) {
                    for (Effect effect : model.effects()) {
                        for (Duration length : LENGTHS) {
                            out.add(incident(model, volume, effect, length, seed));
                        }
                    }
                    out.add(quiet(model, volume, seed));
                }
            }
        }
        return out;
    }

    static Scenario incident(KpiModel model, Volume volume, Effect effect, Duration length, int seed) {
        long start = START.toEpochMilli();
        long warmUpEnd = start + WARM_UP.toMillis();
        long end = warmUpEnd + INCIDENT_TEST.toMillis();
        long s = seed(model.kpi() + '|' + volume.label() + '|' + effect.label() + '|' + length, seed);
        long latest = (INCIDENT_TEST.toMillis() - length.toMillis() - Outcome.GRACE) / Scenario.HOUR;
        long incidentStart = warmUpEnd + new SplittableRandom(~s).nextLong(latest + 1) * Scenario.HOUR;
        return new Scenario(model, volume, effect, length, start, warmUpEnd, incidentStart, end, s);
    }

    static Scenario quiet(KpiModel model, Volume volume, int seed) {
        long start = START.toEpochMilli();
        long warmUpEnd = start + WARM_UP.toMillis();
        long end = warmUpEnd + QUIET_TEST.toMillis();
        return new Scenario(model, volume, null, Duration.ZERO, start, warmUpEnd, end, end,
                seed(model.kpi() + '|' + volume.label() + "|quiet", seed));
    }

    /** A scenario's seed from what it is and the seed number: stable across runs, grids and threads. */
    private static long seed(String scenario, int seed) {
        return new SplittableRandom(scenario.hashCode() * 1_000_003L + seed).nextLong();
    }
}
