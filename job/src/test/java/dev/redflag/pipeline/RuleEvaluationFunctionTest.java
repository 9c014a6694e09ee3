package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.Slice;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleBundle;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The rule operator with Flink's keyed broadcast test harness: alerts from values, rule sets
 * swapped at run time (a dropped rule resolves its alerts), shadow rules, and state that survives
 * a snapshot and restore without repeating or losing a transition.
 */
class RuleEvaluationFunctionTest {

    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private static final String BOUNCE_HIGH = """
            groups:
              - name: web
                rules:
                  - alert: BounceHigh
                    kpi: bounce_rate
                    when: {above: 0.5}
                    severity: warning
                    annotations: {summary: "{{page}} at {{value}}"}
            """;
    private static final String SHADOW_LOW = """
            groups:
              - name: trial
                rules:
                  - alert: BounceLow
                    kpi: bounce_rate
                    when: {below: 0.2}
                    severity: info
                    mode: shadow
            """;

    private static final String BOUNCE_SLICED_ON_PRICING = """
            groups:
              - name: web
                rules:
                  - alert: BounceRising
                    kpi: bounce_rate
                    match: {page: /pricing}
                    when: {shift: rise, percent: 25, slices: [channel]}
                    severity: warning
            """;

    private static String bundle(Map<String, String> files) {
        return new String(new RuleBundle(new TreeMap<>(files)).toJson(), StandardCharsets.UTF_8);
    }

    private static KpiValue bounce(String page, String windowStart, double value) {
        long start = Instant.parse(windowStart).toEpochMilli();
        return new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("page", page, "tenant", "acme")), start,
                start + 3_600_000, value, value * 100, 100, 100);
    }

    /** A value of a sliced bounce rate: 40 of 100 sessions bounced, 30 of 60 paid and 10 of 40 organic. */
    private static KpiValue slicedBounce(String page, String windowStart) {
        long start = Instant.parse(windowStart).toEpochMilli();
        return new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("page", page, "tenant", "acme")), start,
                start + 3_600_000, 0.4, 40, 100, 100, 40, 40, 100, List.of(
                        new Slice("channel=paid", 30, 60, 60, 30, 30, 60),
                        new Slice("channel=organic", 10, 40, 40, 10, 10, 40)));
    }

    /** The pages whose series hold a slice baseline in the operator's keyed state. */
    private static List<String> pagesWithSliceState(
            KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h) {
        try (var keys = h.getOperator().<String>getKeyedStateBackend().getKeys("slices", VoidNamespace.INSTANCE)) {
            return keys.map(key -> key.split("\u001f")[2]).sorted().toList();
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT), KpiValue::seriesKey, Types.STRING,
                ActiveRulesCache.RULES);
    }

    private static void value(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h,
                              KpiValue v) throws Exception {
        h.processElement(new StreamRecord<>(v, v.windowEnd() - 1));
    }

    private static List<AlertEvent> drain(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h) {
        List<AlertEvent> out = h.extractOutputValues();
        h.getOutput().clear();
        return out;
    }

    @Test
    void firesOnValuesAndResolvesWhenARuleIsDroppedFromTheRuleSet() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_HIGH))));
            value(h, bounce("/pricing", "2026-11-02T10:00:00Z", 0.7));
            value(h, bounce("/home", "2026-11-02T10:00:00Z", 0.3));
            List<AlertEvent> fired = drain(h);
            assertThat(fired).extracting(AlertEvent::alertname, AlertEvent::phase, e -> e.labels().get("page"),
                            e -> e.annotations().get("summary"))
                    .containsExactly(tuple("BounceHigh", Transition.Phase.FIRING, "/pricing", "/pricing at 0.7"));

            h.watermark(Instant.parse("2026-11-02T11:30:00Z").toEpochMilli());
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("trial.yaml", SHADOW_LOW))));
            assertThat(drain(h)).extracting(AlertEvent::alertname, AlertEvent::phase, e -> e.labels().get("page"),
                            e -> e.transition().endsAt())
                    .containsExactly(tuple("BounceHigh", Transition.Phase.RESOLVED, "/pricing",
                            Instant.parse("2026-11-02T11:30:00Z").toEpochMilli()));
        }
    }

    @Test
    void shadowRulesAreEvaluatedAndMarked() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("trial.yaml", SHADOW_LOW))));
            value(h, bounce("/docs", "2026-11-02T10:00:00Z", 0.1));
            assertThat(drain(h)).extracting(AlertEvent::alertname, AlertEvent::shadow, AlertEvent::phase)
                    .containsExactly(tuple("BounceLow", true, Transition.Phase.FIRING));
        }
    }

    @Test
    void afterARestoreNoTransitionIsRepeatedOrLost() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_HIGH))));
            value(h, bounce("/pricing", "2026-11-02T10:00:00Z", 0.7));
            assertThat(drain(h)).extracting(AlertEvent::phase).containsExactly(Transition.Phase.FIRING);
            snapshot = h.snapshot(1, 1);
        }
        try (var restored = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT),
                        List.of(ActiveRulesCache.RULES)),
                KpiValue::seriesKey, Types.STRING, 1, 1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            // still firing: no second FIRING; then the next low value resolves it
            value(restored, bounce("/pricing", "2026-11-02T11:00:00Z", 0.8));
            assertThat(drain(restored)).isEmpty();
            value(restored, bounce("/pricing", "2026-11-02T12:00:00Z", 0.2));
            assertThat(drain(restored)).extracting(AlertEvent::phase, e -> e.transition().startsAt())
                    .containsExactly(tuple(Transition.Phase.RESOLVED,
                            Instant.parse("2026-11-02T11:00:00Z").toEpochMilli()));
        }
    }

    @Test
    void keepsASliceBaselineOnlyForSeriesARuleJudgesOnSlices() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_HIGH))));
            value(h, slicedBounce("/pricing", "2026-11-02T10:00:00Z"));
            value(h, slicedBounce("/home", "2026-11-02T10:00:00Z"));
            assertThat(pagesWithSliceState(h)).as("no rule has slices:").isEmpty();

            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_SLICED_ON_PRICING))));
            value(h, slicedBounce("/pricing", "2026-11-02T11:00:00Z"));
            value(h, slicedBounce("/home", "2026-11-02T11:00:00Z"));
            assertThat(pagesWithSliceState(h)).as("the sliced rule watches /pricing only").containsExactly("/pricing");

            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_HIGH))));
            assertThat(pagesWithSliceState(h)).as("cleared when the rule set drops slices:").isEmpty();
            value(h, slicedBounce("/pricing", "2026-11-02T12:00:00Z"));
            assertThat(pagesWithSliceState(h)).isEmpty();
        }
    }
}
