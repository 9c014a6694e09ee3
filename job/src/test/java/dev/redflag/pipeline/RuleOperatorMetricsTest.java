package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.Transition;
import dev.redflag.config.MetricsConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.rules.RuleBundle;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics of the rule operators with Flink's keyed broadcast harness and a real endpoint:
 * {@code redflag_alerts} follows pending and firing alerts (including the silent way back from
 * pending and rules dropped from the set), survives a restore and a rescale on the subtask that owns
 * each alert; judgements are timed; the watermark is reported on a processing-time tick; every rule's
 * transition counters exist at 0 once its rule set arrives.
 */
class RuleOperatorMetricsTest {

    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));
    private static final MetricsConfig METRICS = new MetricsConfig(0, 1000);
    private static final int MAX_PARALLELISM = 128;

    private static final String RULES = """
            groups:
              - name: web
                rules:
                  - alert: BounceHigh
                    kpi: bounce_rate
                    when: {above: 0.5}
                    severity: warning
                  - alert: BounceVeryHigh
                    kpi: bounce_rate
                    when: {above: 0.8}
                    for: 2h
                    severity: critical
                  - alert: BounceLow
                    kpi: bounce_rate
                    when: {below: 0.2}
                    severity: info
                    mode: shadow
            """;
    private static final String ONLY_BOUNCE_LOW = """
            groups:
              - name: web
                rules:
                  - {alert: BounceLow, kpi: bounce_rate, when: {below: 0.2}, severity: info, mode: shadow}
            """;

    /** Taken before the operators take it, so every test scrapes one endpoint that outlives them. */
    private MetricsHub hub;

    @BeforeEach
    void takeHub() {
        hub = MetricsHub.shared(METRICS.port());
    }

    @AfterEach
    void releaseHub() {
        hub.release();
    }

    private static String bundle(String yaml) {
        return new String(new RuleBundle(new TreeMap<>(Map.of("web.yaml", yaml))).toJson(), StandardCharsets.UTF_8);
    }

    private static KpiValue bounce(String page, String windowStart, double value) {
        long start = Instant.parse(windowStart).toEpochMilli();
        return new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("page", page, "tenant", "acme")), start,
                start + 3_600_000, value, value * 100, 100, 100);
    }

    private static KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> harness(
            int parallelism, int subtask) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT, METRICS),
                        List.of(ActiveRulesCache.RULES)),
                KpiValue::seriesKey, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
    }

    private static KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> opened() throws Exception {
        var h = harness(1, 0);
        h.open();
        h.processBroadcastElement(new StreamRecord<>(bundle(RULES)));
        return h;
    }

    private static List<Transition.Phase> value(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h,
                                                KpiValue v) throws Exception {
        h.processElement(new StreamRecord<>(v, v.windowEnd() - 1));
        List<Transition.Phase> phases = new ArrayList<>();
        h.extractOutputValues().forEach(e -> phases.add(e.phase()));
        h.getOutput().clear();
        return phases;
    }

    private List<String> alerts() {
        return hub.scrape().lines().filter(l -> l.startsWith("redflag_alerts{")).toList();
    }

    private static String alert(String name, String severity, String state, String page) {
        return "redflag_alerts{alertname=\"" + name + "\",alertstate=\"" + state + "\",campaign=\"\",channel=\"\","
                + "kpi=\"bounce_rate\",page=\"" + page + "\",segment=\"\",severity=\"" + severity + "\",tenant=\"acme\","
                + "window=\"1h\"} 1.0";
    }

    @Test
    void pendingAndFiringAlertsShowAndLeaveWithTheirStateShadowRulesNever() throws Exception {
        try (var h = opened()) {
            assertThat(value(h, bounce("/pricing", "2026-11-02T10:00:00Z", 0.9)))
                    .containsExactly(Transition.Phase.FIRING, Transition.Phase.PENDING);
            assertThat(alerts()).containsExactlyInAnyOrder(
                    alert("BounceHigh", "warning", "firing", "/pricing"),
                    alert("BounceVeryHigh", "critical", "pending", "/pricing"));

            // back under 0.8 before its 2h: pending turns inactive without any transition
            assertThat(value(h, bounce("/pricing", "2026-11-02T11:00:00Z", 0.6))).isEmpty();
            assertThat(alerts()).containsExactly(alert("BounceHigh", "warning", "firing", "/pricing"));

            // the shadow rule fires too, and stays off the gauge
            assertThat(value(h, bounce("/pricing", "2026-11-02T12:00:00Z", 0.1)))
                    .containsExactly(Transition.Phase.RESOLVED, Transition.Phase.FIRING);
            assertThat(alerts()).isEmpty();
        }
        assertThat(hub.scrape()).doesNotContain("redflag_alerts{");
    }

    @Test
    void aRuleDroppedFromTheRuleSetTakesItsAlertsOffTheGauge() throws Exception {
        try (var h = opened()) {
            assertThat(hub.scrape()).contains(
                    "redflag_alert_transitions_total{alertname=\"BounceVeryHigh\",mode=\"live\",state=\"pending\"} 0.0",
                    "redflag_alert_transitions_total{alertname=\"BounceLow\",mode=\"shadow\",state=\"resolved\"} 0.0");
            value(h, bounce("/pricing", "2026-11-02T10:00:00Z", 0.9));
            value(h, bounce("/home", "2026-11-02T10:00:00Z", 0.85));
            assertThat(alerts()).hasSize(4);

            h.processBroadcastElement(new StreamRecord<>(bundle(ONLY_BOUNCE_LOW)));
            assertThat(alerts()).isEmpty();
        }
    }

    @Test
    void alertsComeBackAtOnceAfterARestoreOnTheSubtaskThatOwnsThemNow() throws Exception {
        List<String> pages = pagesOnDifferentSubtasks(2);
        OperatorSubtaskState snapshot;
        try (var h = opened()) {
            value(h, bounce(pages.get(0), "2026-11-02T10:00:00Z", 0.6));
            value(h, bounce(pages.get(1), "2026-11-02T10:00:00Z", 0.6));
            snapshot = h.snapshot(1, 1);
            value(h, bounce(pages.get(1), "2026-11-02T11:00:00Z", 0.1)); // after the checkpoint: lost in the failure
        }
        assertThat(alerts()).isEmpty();

        List<KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent>> restored = new ArrayList<>();
        try {
            for (int subtask = 0; subtask < 2; subtask++) {
                var h = harness(2, subtask);
                h.initializeState(KeyedBroadcastOperatorTestHarness.repartitionOperatorState(
                        snapshot, MAX_PARALLELISM, 1, 2, subtask));
                h.open();
                restored.add(h);
            }
            // each alert once, before any value arrives
            assertThat(alerts()).containsExactlyInAnyOrder(
                    alert("BounceHigh", "warning", "firing", pages.get(0)),
                    alert("BounceHigh", "warning", "firing", pages.get(1)));

            // the resolution lost in the failure comes again and clears it
            var second = restored.get(1);
            assertThat(value(second, bounce(pages.get(1), "2026-11-02T11:00:00Z", 0.1)))
                    .containsExactly(Transition.Phase.RESOLVED, Transition.Phase.FIRING);
            assertThat(alerts()).containsExactly(alert("BounceHigh", "warning", "firing", pages.get(0)));

            // a subtask that closes takes its alerts off this endpoint
            restored.get(0).close();
            assertThat(alerts()).isEmpty();
        } finally {
            for (var h : restored) {
                h.close();
            }
        }
    }

    @Test
    void judgementsAreTimedAndTheWatermarkIsReportedOnAProcessingTimeTick() throws Exception {
        try (var h = opened()) {
            h.setProcessingTime(0);
            value(h, bounce("/pricing", "2026-11-02T10:00:00Z", 0.3));
            assertThat(hub.scrape()).contains("redflag_rule_evaluation_seconds_count 1\n",
                    "redflag_event_time_lag_seconds{subtask=\"0\"} NaN\n");
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            long watermark = System.currentTimeMillis() - 60_000;
            h.watermark(watermark);
            h.setProcessingTime(1_000);

            assertThat(lagSeconds()).isBetween(60.0, 120.0);
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1); // the next tick, and only one
        }
        assertThat(hub.scrape()).doesNotContain("redflag_event_time_lag_seconds{");
    }

    @Test
    void aSilentStreamIsAnAlertWithoutSeriesLabels() throws Exception {
        try (var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new StreamAbsenceFunction(CATALOG, AlertLifecycle.DEFAULT, METRICS), List.of(ActiveRulesCache.RULES)),
                StreamAbsenceFunction::keyOf, Types.STRING, MAX_PARALLELISM, 1, 0)) {
            h.open();
            h.processBroadcastElement(new StreamRecord<>(bundle("""
                    groups:
                      - name: data
                        rules:
                          - {alert: NoBounces, kpi: bounce_rate, when: {absent: 2h, scope: kpi}, severity: critical}
                    """)));
            KpiValue last = bounce("/pricing", "2026-11-02T09:00:00Z", 0.3);
            h.processElement(new StreamRecord<>(last, last.windowEnd() - 1));
            h.watermark(Instant.parse("2026-11-02T12:00:00Z").toEpochMilli());

            assertThat(alerts()).containsExactly("redflag_alerts{alertname=\"NoBounces\",alertstate=\"firing\",campaign=\"\","
                    + "channel=\"\",kpi=\"bounce_rate\",page=\"\",segment=\"\",severity=\"critical\",tenant=\"\","
                    + "window=\"1h\"} 1.0");

            KpiValue back = bounce("/home", "2026-11-02T12:00:00Z", 0.3);
            h.processElement(new StreamRecord<>(back, back.windowEnd() - 1));
            assertThat(alerts()).isEmpty();
        }
    }

    private double lagSeconds() {
        return hub.scrape().lines().filter(l -> l.startsWith("redflag_event_time_lag_seconds{subtask=\"0\"} "))
                .map(l -> Double.parseDouble(l.substring(l.indexOf("} ") + 2))).findFirst().orElseThrow();
    }

    /** Pages whose bounce-rate series fall on different subtasks out of {@code parallelism}. */
    private static List<String> pagesOnDifferentSubtasks(int parallelism) {
        String[] pages = new String[parallelism];
        int found = 0;
        for (int i = 0; found < parallelism; i++) {
            String page = "/p" + i;
            int subtask = KeyGroupRangeAssignment.assignKeyToParallelOperator(
                    bounce(page, "2026-11-02T10:00:00Z", 0).seriesKey(), MAX_PARALLELISM, parallelism);
            if (pages[subtask] == null) {
                pages[subtask] = page;
                found++;
            }
        }
        return List.of(pages);
    }
}
