package dev.redflag.ruletest;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.AlertStatesInMemory;
import dev.redflag.alert.SeriesInMemory;
import dev.redflag.alert.SeriesStep;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.pipeline.RuleOperators;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sequence of KPI values through the three ways redflag moves alerts: the per-series step
 * called directly, the live job's operators in Flink's keyed broadcast harness with the live
 * watermark, and the replay behind {@code redflag test}. The sequence has a long history the
 * step must trim to the rules' lookback, a late re-emission of an older window that must be
 * dropped (had it been judged, its 0.9 would have raised the baseline and kept the second alert
 * from firing), and a gap in which a keep_firing_for runs out and the series and the KPI go absent.
 */
class SeriesStepPathsTest {

    private static final String RULES = """
            groups:
              - name: paths
                rules:
                  - alert: BounceRising
                    kpi: bounce_rate
                    when: {change: rise, percent: 50, baseline: trailing_mean, windows: 3}
                    keep_firing_for: 2h
                    severity: warning
                    annotations: {summary: "{{page}} at {{value}} against {{baseline}}"}
                  - alert: PageSilent
                    kpi: bounce_rate
                    when: {absent: 3h}
                    severity: info
                  - alert: NoBounceData
                    kpi: bounce_rate
                    when: {absent: 2h, scope: kpi}
                    severity: critical
            """;
    private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long END = T0 + 24 * HOUR;
    /** Where other series' events have moved the live watermark while /pricing is silent. */
    private static final long DURING_THE_GAP = T0 + 16 * HOUR;

    private final KpiCatalog catalog = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));
    private final ActiveRules active = new ActiveRules(RuleLoader.parse(RULES, "paths.yaml", catalog), catalog);

    /** The values in the order the rule operator receives them. */
    private static List<KpiValue> arrivals() {
        List<KpiValue> values = new ArrayList<>();
        for (int hour = 0; hour < 10; hour++) {
            values.add(bounce(hour, 0.2)); // ten windows; the rules look three back
        }
        values.add(bounce(10, 0.4));
        values.add(bounce(11, 0.2));
        values.add(bounce(9, 0.9)); // re-emitted after a late event: too late to count
        values.add(bounce(17, 0.45)); // after five silent hours
        values.add(bounce(18, 0.5));
        return values;
    }

    @Test
    void theStepTheOperatorsAndTheReplayMoveAlertsAlike() throws Exception {
        List<AlertEvent> step = sorted(throughTheStep());
        List<AlertEvent> operators = sorted(throughTheOperators());
        List<AlertEvent> replay = sorted(new Replay(active, AlertLifecycle.DEFAULT)
                .run(arrivals(), List.of(DURING_THE_GAP, END)).transitions());

        assertThat(operators).isEqualTo(step);
        assertThat(replay).isEqualTo(step);
        assertThat(step).extracting(SeriesStepPathsTest::shown).containsExactly(
                "+11h FIRING BounceRising 0.4 (baseline 0.2) /pricing at 0.4 against 0.2",
                "+13h RESOLVED BounceRising 0.2 (baseline 0.2667) /pricing at 0.2 against 0.2667",
                "+14h FIRING NoBounceData",
                "+15h FIRING PageSilent",
                "+18h FIRING BounceRising 0.45 (baseline 0.2667) /pricing at 0.45 against 0.2667",
                "+18h RESOLVED NoBounceData",
                "+18h RESOLVED PageSilent",
                "+20h RESOLVED BounceRising 0.5 (baseline 0.35) /pricing at 0.5 against 0.35",
                "+21h FIRING NoBounceData",
                "+22h FIRING PageSilent");
    }

    /** The plain step, values in arrival order, then time to the gap's observation and the end. */
    private List<AlertEvent> throughTheStep() throws Exception {
        SeriesStep step = new SeriesStep(AlertLifecycle.DEFAULT);
        SeriesInMemory series = new SeriesInMemory();
        SeriesStep.Stream stream = new SeriesStep.Stream("bounce_rate", "1h", new AlertStatesInMemory(),
                new HashMap<>());
        List<AlertEvent> out = new ArrayList<>();
        for (KpiValue v : arrivals()) {
            if (v.windowStart() == T0 + 17 * HOUR) {
                out.addAll(step.time(active, series, DURING_THE_GAP));
                out.addAll(step.streamTime(active, stream, DURING_THE_GAP));
            }
            out.addAll(step.streamValue(active, stream, v));
            out.addAll(step.value(active, series, v));
        }
        out.addAll(step.time(active, series, END));
        out.addAll(step.streamTime(active, stream, END));
        return out;
    }

    /**
     * The operators as the live job runs them: each value reaches them before the watermark that
     * closed its window (the KPI operator emits it, then forwards the watermark); in the gap other
     * series move the watermark on; a late re-emission arrives with the newest window's watermark.
     */
    private List<AlertEvent> throughTheOperators() throws Exception {
        String bundle = new String(new RuleBundle(new TreeMap<>(Map.of("paths.yaml", RULES))).toJson(),
                StandardCharsets.UTF_8);
        try (RuleOperators live = new RuleOperators(catalog, AlertLifecycle.DEFAULT, bundle)) {
            long newest = Long.MIN_VALUE;
            for (KpiValue v : arrivals()) {
                if (v.windowStart() == T0 + 17 * HOUR) {
                    live.watermark(DURING_THE_GAP);
                }
                live.value(v);
                newest = Math.max(newest, v.windowEnd());
                live.watermark(newest - 1);
            }
            live.watermark(END);
            return live.drain();
        }
    }

    private static KpiValue bounce(int hour, double value) {
        long start = T0 + hour * HOUR;
        return new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("tenant", "acme", "page", "/pricing")),
                start, start + HOUR, value, value * 100, 100, 100);
    }

    /** In time order; the order among transitions at one instant is free (two operators emit them). */
    private static List<AlertEvent> sorted(List<AlertEvent> events) {
        List<AlertEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong((AlertEvent e) -> e.transition().at())
                .thenComparing(AlertEvent::alertname).thenComparing(AlertEvent::phase));
        return sorted;
    }

    private static String shown(AlertEvent e) {
        String s = "+" + (e.transition().at() - T0) / HOUR + "h " + e.phase() + " " + e.alertname();
        if (e.alertname().equals("BounceRising")) {
            s += " " + number(e.transition().value()) + " (baseline " + number(e.transition().baseline()) + ") "
                    + e.annotations().get("summary");
        }
        return s;
    }

    private static String number(double d) {
        return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
