package dev.redflag.scorecard;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.SeriesInMemory;
import dev.redflag.alert.SeriesStep;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.Slice;
import dev.redflag.rules.RuleLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slices do not multiply false alerts (detection.md, "False alerts"), measured through the rule
 * path the live operator runs ({@link SeriesStep}): quiet sliced histories of a bounce rate in the
 * scorecard's model (a page's sessions Poisson around {@link Seasonality}'s daily and weekly volume,
 * each hour's rate drawn from a beta of concentration {@link RatioModel#CONCENTRATION} around the day's,
 * a day effect of {@link RatioModel#DAY_SIGMA}), split into 2 or 12 channels of unequal traffic
 * (Zipf shares) and rates (25% to 55%), each channel with a daily cycle of its own in traffic
 * (±20%, peaking at its own hour), at 12, 100 and 3,000 sessions an hour. The pack's bounce rule is
 * run with and without {@code slices: [channel]}: the false alerts per 100 series-days stay within
 * issue 15's budget of 1 with slices, and a rise confined to one channel is found.
 */
class SlicedFalseAlertsTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int WARM_UP_DAYS = 28;
    private static final int QUIET_DAYS = 56;
    private static final int SEEDS = 6;
    private static final int INCIDENT_SEEDS = 2;
    private static final int INCIDENTS = 10;
    private static final long INCIDENT_EVERY = 3 * DAY;
    /**
     * Long rises a week apart: a rise the rule misses is learned by the slice's baseline and its pools'
     * overdispersion, and 12 hours of every 3 days (a sixth of c1's hours) hide the later ones.
     */
    private static final long LONG_INCIDENT_EVERY = 7 * DAY;
    private static final long INCIDENT_LENGTH = 4 * HOUR;
    /** The channel that rises: 1/3 of the sessions of 2 channels, 1/6 of 12. */
    private static final int INCIDENT_CHANNEL = 1;
    /** How much the channel's rise moves the page, relatively: below the rule's 20%, so the page alone stays quiet. */
    private static final double PAGE_RISE = 0.15;
    private static final List<Double> VOLUMES = List.of(12.0, 100.0, 3000.0);
    private static final List<Integer> SLICE_COUNTS = List.of(2, 12);

    private static final KpiCatalog CATALOG = Catalogs.shipped();

    private static ActiveRules rule(String window, String slices) {
        return new ActiveRules(RuleLoader.parse("""
                groups:
                  - name: web
                    rules:
                      - alert: BounceRateRising
                        kpi: bounce_rate
                        window: %s
                        when: {shift: rise, percent: 20%s}
                        keep_firing_for: 1h
                        severity: warning
                """.formatted(window, slices), "web.yaml", CATALOG), CATALOG);
    }

    private static final ActiveRules PLAIN = rule("auto", "");
    private static final ActiveRules SLICED = rule("auto", ", slices: [channel]");
    /** The same rule on the KPI's hourly window: series and slices judged on the window alone, nothing pooled. */
    private static final ActiveRules PLAIN_ON_WINDOW = rule("1h", "");
    private static final ActiveRules SLICED_ON_WINDOW = rule("1h", ", slices: [channel]");

    /**
     * A page of {@code perHour} sessions an hour on average in {@code channels} channels; during an
     * incident one channel's rate is {@code incidentRate}.
     */
    record Page(double perHour, int channels) {

        double share(int c) {
            double h = 0;
            for (int i = 0; i < channels; i++) {
                h += 1.0 / (i + 1);
            }
            return 1.0 / (c + 1) / h;
        }

        double rate(int c) {
            return channels == 1 ? 0.4 : 0.25 + 0.30 * c / (channels - 1);
        }

        /** The page's usual bounce rate: the channels' rates weighted by their shares. */
        double pageRate() {
            double p = 0;
            for (int c = 0; c < channels; c++) {
                p += share(c) * rate(c);
            }
            return p;
        }

        /** Channel c's rate in an incident that raises the page by {@code pageRise} (relative) through c alone. */
        double incidentRate(int c, double pageRise) {
            return rate(c) + pageRise * pageRate() / share(c);
        }

        /** The channel's own daily cycle of traffic, peaking at an hour of its own. */
        double cycle(int c, long hourStart) {
            int hour = (int) (hourStart % DAY / HOUR);
            return 1 + 0.2 * Math.cos(2 * Math.PI * (hour - 2.0 * c) / 24);
        }

        /** Hourly values from {@code start} for {@code hours}; the incident's channel and hours, -1 for none. */
        List<KpiValue> values(long start, int hours, long seed, int incidentChannel, long incidentFrom,
                              long incidentTo, double incidentRate) {
            Variates random = new Variates(new SplittableRandom(seed));
            List<KpiValue> out = new ArrayList<>(hours);
            double dayEffect = 1;
            for (int h = 0; h < hours; h++) {
                long t = start + h * HOUR;
                if (h % 24 == 0) {
                    dayEffect = random.lognormalFactor(RatioModel.DAY_SIGMA);
                }
                List<Slice> slices = new ArrayList<>(channels);
                long bounced = 0;
                long sessions = 0;
                for (int c = 0; c < channels; c++) {
                    long n = random.poisson(perHour * Seasonality.volume(t) * share(c) * cycle(c, t));
                    boolean incident = c == incidentChannel && t >= incidentFrom && t < incidentTo;
                    double p = incident ? incidentRate : rate(c) * Seasonality.rate(t) * dayEffect;
                    long k = random.binomial(n, random.betaAround(Math.min(p, 1), RatioModel.CONCENTRATION));
                    bounced += k;
                    sessions += n;
                    if (n > 0) {
                        slices.add(new Slice("channel=c" + c, k, n, n, k, k, n));
                    }
                }
                if (sessions == 0) {
                    continue; // the KPI operator emits no value for an hour without sessions
                }
                out.add(new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("page", "/pricing", "tenant", "acme")),
                        t, t + HOUR, (double) bounced / sessions, bounced, sessions, sessions, bounced, bounced,
                        sessions, slices));
            }
            return out;
        }
    }

    /** The FIRING transitions of one history under a rule set: their instants and whether a slice raised them. */
    private static List<AlertEvent> firings(ActiveRules rules, List<KpiValue> values) throws Exception {
        SeriesStep step = new SeriesStep(AlertLifecycle.DEFAULT);
        SeriesInMemory series = new SeriesInMemory();
        List<AlertEvent> out = new ArrayList<>();
        for (KpiValue v : values) {
            for (AlertEvent e : step.value(rules, series, v)) {
                if (e.phase() == Transition.Phase.FIRING) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Firings after the warm-up, per 100 series-days, and how many of them a slice raised. */
    record Quiet(double plainPer100, double slicedPer100, int raisedBySlice) {
    }

    private static Quiet quiet(Page page) throws Exception {
        long start = Grid.START.toEpochMilli();
        long tested = start + WARM_UP_DAYS * DAY;
        int plain = 0;
        int sliced = 0;
        int bySlice = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            List<KpiValue> values = page.values(start, (WARM_UP_DAYS + QUIET_DAYS) * 24,
                    seed * 7919L + page.channels() * 31L + (long) page.perHour(), -1, 0, 0, 0);
            plain += (int) firings(PLAIN, values).stream().filter(e -> e.transition().at() >= tested).count();
            for (AlertEvent e : firings(SLICED, values)) {
                if (e.transition().at() >= tested) {
                    sliced++;
                    bySlice += e.annotations().containsKey(AlertEvent.SLICE) ? 1 : 0;
                }
            }
        }
        double seriesDays = SEEDS * QUIET_DAYS;
        return new Quiet(plain * 100 / seriesDays, sliced * 100 / seriesDays, bySlice);
    }

    /** Of the incidents, how many fired (from its start to an hour after its end), and how many named the channel. */
    record Found(int incidents, int plain, int sliced, int named) {
    }

    /**
     * Incidents of {@code length} every {@code every} after the warm-up, each at another hour of the day: channel
     * c1's rate rises so that the page's rises by {@link #PAGE_RISE} (c1 from 55% to 71% of 2 channels,
     * from 28% to 58% of 12), judged by {@code plainRules} and {@code slicedRules}.
     */
    private static Found incidents(Page page, long length, long every, ActiveRules plainRules,
                                   ActiveRules slicedRules) throws Exception {
        long start = Grid.START.toEpochMilli();
        long first = start + WARM_UP_DAYS * DAY;
        int plain = 0;
        int sliced = 0;
        int named = 0;
        for (int seed = 0; seed < INCIDENT_SEEDS; seed++) {
            List<KpiValue> values = new ArrayList<>();
            List<long[]> periods = new ArrayList<>();
            long from = start;
            long seedOf = 104_729L * (seed + 1) + page.channels() * 31L + (long) page.perHour();
            for (int i = 0; i < INCIDENTS; i++) {
                long at = first + i * every + (i * 7 % 24) * HOUR;
                long to = first + (i + 1) * every;
                values.addAll(page.values(from, (int) ((to - from) / HOUR), seedOf + i, INCIDENT_CHANNEL, at,
                        at + length, page.incidentRate(INCIDENT_CHANNEL, PAGE_RISE)));
                periods.add(new long[] {at, at + length + HOUR});
                from = to;
            }
            List<AlertEvent> withoutSlices = firings(plainRules, values);
            List<AlertEvent> withSlices = firings(slicedRules, values);
            for (long[] p : periods) {
                plain += withoutSlices.stream().anyMatch(e -> within(e, p)) ? 1 : 0;
                sliced += withSlices.stream().anyMatch(e -> within(e, p)) ? 1 : 0;
                named += withSlices.stream().anyMatch(e -> within(e, p) && names(e, "channel=c1")) ? 1 : 0;
            }
        }
        return new Found(INCIDENT_SEEDS * INCIDENTS, plain, sliced, named);
    }

    private static boolean within(AlertEvent e, long[] period) {
        return e.transition().at() > period[0] && e.transition().at() <= period[1];
    }

    /** The firing was raised by the slice, or its why names it first. */
    private static boolean names(AlertEvent e, String slice) {
        String why = e.annotations().getOrDefault(AlertEvent.WHY, "");
        return slice.equals(e.annotations().get(AlertEvent.SLICE))
                || why.startsWith(slice + ":");
    }

    @Test
    void slicesKeepQuietPagesWithinTheFalseAlertBudgetAndFindARiseConfinedToOneSlice() throws Exception {
        List<String> figures = new ArrayList<>();
        List<Object[]> results = new ArrayList<>();
        for (double perHour : VOLUMES) {
            for (int channels : SLICE_COUNTS) {
                Page page = new Page(perHour, channels);
                Quiet q = quiet(page);
                Found f = incidents(page, INCIDENT_LENGTH, INCIDENT_EVERY, PLAIN, SLICED);
                figures.add(String.format(Locale.ROOT, "%5.0f/h %2d slices: false alerts per 100 series-days %.2f"
                                + " without slices, %.2f with (%d raised by a slice); c1 %.0f%% -> %.0f%%: found %d of %d"
                                + " without slices, %d with, c1 named %d", perHour, channels, q.plainPer100(),
                        q.slicedPer100(), q.raisedBySlice(), 100 * page.rate(INCIDENT_CHANNEL),
                        100 * page.incidentRate(INCIDENT_CHANNEL, PAGE_RISE), f.plain(), f.incidents(), f.sliced(),
                        f.named()));
                results.add(new Object[] {perHour, channels, q, f});
            }
        }
        System.out.println(String.join("\n", figures));
        for (Object[] r : results) {
            Quiet q = (Quiet) r[2];
            Found f = (Found) r[3];
            assertThat(q.slicedPer100()).as("false alerts per 100 series-days, %s/h, %d slices", r[0], r[1])
                    .isLessThanOrEqualTo(Targets.FALSE_ALERTS_PER_100_SERIES_DAYS);
            // the page's own rule rarely sees a rise below its 20% (noise lifts a few over it); judged on
            // its slices, pooled over the series' resolutions, c1's is found and named where c1's hours hold
            // enough sessions: 1,000 and 160 an hour at 3,000/h (10 and 20 of 20 with these seeds). At 100/h
            // (c1 16 or 33 sessions an hour) four hours make z ≈ 5.3 and 3.2 for a perfect 4-hour window
            // against a threshold of about 4.8 (α split among ~12 slices × 7 resolutions), and at 12/h z ≈
            // 1.9 and 1.3: nothing an honest test can require there (detection.md, "Slices")
            assertThat(f.plain()).as("found without slices, %s/h, %d slices", r[0], r[1])
                    .isLessThanOrEqualTo(f.incidents() / 5);
            if ((double) r[0] >= 3000) {
                assertThat(f.named()).as("incidents found with c1 named, %s/h, %d slices", r[0], r[1])
                        .isGreaterThanOrEqualTo((int) r[1] == 2 ? f.incidents() / 2 - 1 : f.incidents() * 95 / 100);
                assertThat(f.named()).isGreaterThan(f.plain() + f.incidents() / 4);
            }
        }
    }

    /**
     * Rises long enough for pooling to see at 100 sessions an hour, a week apart. c1's rate over h hours of
     * n sessions has a binomial standard error √(p0(1 − p0) / (n·h)), and the day effect adds 5% of p0 that
     * no length averages away (the pools learn it as overdispersion); an exponentially weighted stretch of the right
     * resolution sees about 0.9 of a box's z over the rise. With 12 channels (c1 16 sessions an hour, 28%
     * → 58%): z ≈ 5.3 at 4 h, 7.3 at 8 h, 8.7 at 12 h, so 0.9 × z ≈ 6.6 and 7.8 against a threshold of
     * about 4.8 (12 slices × up to 6 stretches): 8 and 12 hours should be found. With 2 channels (c1 33
     * an hour, 55% → 71%): z ≈ 3.1 at 4 h, 3.8 at 8 h, 4.2 at 12 h and at most 5.7 however long, so 0.9 ×
     * z ≈ 3.4 and 3.8 against about 4.4 (2 slices × 4 or 5 stretches): at the edge even at 12 hours. On the
     * hourly window alone (the rule on {@code window: 1h}) c1's hour has z ≈ 2.7 (12 channels) and 1.8
     * (2) against 4.5 and 4.0, however long the rise.
     */
    @Test
    void poolingFindsLongerRisesOfOneSliceAtOneHundredSessionsAnHour() throws Exception {
        List<String> figures = new ArrayList<>();
        Map<String, Found[]> results = new TreeMap<>();
        for (int channels : SLICE_COUNTS) {
            Page page = new Page(100, channels);
            for (long length : List.of(8 * HOUR, 12 * HOUR)) {
                Found pooled = incidents(page, length, LONG_INCIDENT_EVERY, PLAIN, SLICED);
                Found window = incidents(page, length, LONG_INCIDENT_EVERY, PLAIN_ON_WINDOW, SLICED_ON_WINDOW);
                figures.add(String.format(Locale.ROOT, "100/h %2d slices, %2dh rise: pooled found %d of %d without"
                                + " slices, %d with, c1 named %d; on the window alone %d without, %d with, c1 named %d",
                        channels, length / HOUR, pooled.plain(), pooled.incidents(), pooled.sliced(), pooled.named(),
                        window.plain(), window.sliced(), window.named()));
                results.put(channels + "/" + length / HOUR, new Found[] {pooled, window});
            }
        }
        System.out.println(String.join("\n", figures));
        // measured with these seeds: 12 channels, c1 named 14 (8 h) and 16 (12 h) of 20 pooled, none on the
        // window alone; 2 channels, 1 and 0 pooled, none on the window alone, as the bound says (detection.md,
        // "Slices"). Every 3 days instead of 7, 12 channels named only 6 and 9, mostly the first incidents of
        // a history: each rise missed goes into c1's baseline and pools and hides the next
        for (Map.Entry<String, Found[]> r : results.entrySet()) {
            Found pooled = r.getValue()[0];
            Found window = r.getValue()[1];
            assertThat(pooled.plain()).as("found without slices, %s h", r.getKey())
                    .isLessThanOrEqualTo(pooled.incidents() / 5);
            assertThat(window.named()).as("c1 named on the window alone, %s h", r.getKey()).isLessThanOrEqualTo(1);
        }
        for (String row : List.of("12/8", "12/12")) {
            assertThat(results.get(row)[0].named()).as("c1 named, pooled, 12 channels, %s h", row)
                    .isGreaterThanOrEqualTo(results.get(row)[0].incidents() / 2);
        }
    }
}
