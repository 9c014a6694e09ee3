package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.notify.slack.TestAlerts;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feedback operators on Flink's harnesses with a real Prometheus endpoint: malformed records
 * counted and skipped, verdicts joined to their firing period (or counted unmatched), and each
 * rule's precision gauge, which a restore brings back before the next verdict. Each test judges
 * rules of its own, as the endpoint is shared by the tests of this JVM.
 */
class FeedbackOperatorsTest {

    private static final MetricsConfig METRICS = new MetricsConfig(0, 1000);
    private static final Instant AT = Instant.parse("2026-12-06T10:42:00Z");

    private MetricsHub hub;

    @BeforeEach
    void takeHub() {
        hub = MetricsHub.shared(METRICS.port());
    }

    @AfterEach
    void releaseHub() {
        hub.release();
    }

    private static AlertEvent firing(String rule, String page) {
        return TestAlerts.rule("web", rule, "warning", "bounce_rate").firing(Map.of("page", page), 0.7, 0.4, 75);
    }

    private static Feedback feedback(FeedbackAction action, AlertEvent alert, long startsAt, Instant at) {
        return new Feedback(action, "U0123", "ana", alert.fingerprint(), Instant.ofEpochMilli(startsAt),
                alert.ruleId(), alert.alertname(), new TreeMap<>(alert.labels()), "web", null, null, null, at);
    }

    private static Feedback feedback(FeedbackAction action, AlertEvent alert) {
        return feedback(action, alert, alert.transition().startsAt(), AT);
    }

    private List<String> samples(String rule) {
        return hub.scrape().lines().filter(l -> l.contains("rule=\"" + rule + "\"") && !l.startsWith("#")).toList();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, AlertEvent, Feedback, Feedback> join() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new VerdictJoinFunction(METRICS),
                AlertEvent::fingerprint, Feedback::fingerprint, Types.STRING);
    }

    @Test
    void aMalformedRecordIsCountedAndSkipped() throws Exception {
        AlertEvent alert = firing("ParseCheck", "/a");
        String good = feedback(FeedbackAction.ACKNOWLEDGE, alert).toJson();
        double before = malformed();
        try (OneInputStreamOperatorTestHarness<byte[], Feedback> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new FeedbackParseFunction(METRICS))) {
            h.processElement(new StreamRecord<>("{\"action\":\"escalate\"}".getBytes(StandardCharsets.UTF_8)));
            h.processElement(new StreamRecord<>(good.getBytes(StandardCharsets.UTF_8)));
            h.processElement(new StreamRecord<>("not json".getBytes(StandardCharsets.UTF_8)));

            assertThat(h.extractOutputValues()).containsExactly(feedback(FeedbackAction.ACKNOWLEDGE, alert));
        }
        assertThat(malformed() - before).isEqualTo(2.0);
    }

    private double malformed() {
        return hub.scrape().lines().filter(l -> l.startsWith("redflag_feedback_malformed_total "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(0);
    }

    @Test
    void aVerdictJoinsItsFiringPeriodAndOnlyThatOne() throws Exception {
        AlertEvent alert = firing("JoinCheck", "/pricing");
        long startsAt = alert.transition().startsAt();
        try (var h = join()) {
            h.processElement1(new StreamRecord<>(alert));
            h.processElement2(new StreamRecord<>(feedback(FeedbackAction.FALSE_ALARM, alert)));
            h.processElement2(new StreamRecord<>(feedback(FeedbackAction.REAL_PROBLEM, alert, startsAt + 1, AT)));
            h.processElement2(new StreamRecord<>(feedback(FeedbackAction.ACKNOWLEDGE, alert)));

            assertThat(h.extractOutputValues()).containsExactly(feedback(FeedbackAction.FALSE_ALARM, alert));
        }
        assertThat(samples("web/JoinCheck")).containsExactly(
                "redflag_alert_feedback_total{rule=\"web/JoinCheck\",verdict=\"false_alarm\"} 1.0");
        assertThat(hub.scrape()).contains("redflag_alert_feedback_unmatched_total{verdict=\"real\"}");
    }

    @Test
    void aFiringPeriodCanBeJudgedForThirtyDays() throws Exception {
        AlertEvent alert = firing("TtlCheck", "/pricing");
        try (var h = join()) {
            h.setStateTtlProcessingTime(0);
            h.processElement1(new StreamRecord<>(alert));
            h.setStateTtlProcessingTime(Duration.ofDays(30).toMillis() - 1);
            h.processElement2(new StreamRecord<>(feedback(FeedbackAction.REAL_PROBLEM, alert)));
            h.setStateTtlProcessingTime(Duration.ofDays(30).toMillis());
            h.processElement2(new StreamRecord<>(feedback(FeedbackAction.FALSE_ALARM, alert)));

            assertThat(h.extractOutputValues()).containsExactly(feedback(FeedbackAction.REAL_PROBLEM, alert));
        }
        assertThat(samples("web/TtlCheck")).containsExactly(
                "redflag_alert_feedback_total{rule=\"web/TtlCheck\",verdict=\"real\"} 1.0");
    }

    @Test
    void shadowAlertsAreNotKeptForVerdicts() throws Exception {
        AlertEvent live = firing("ShadowCheck", "/pricing");
        AlertEvent shadow = new AlertEvent(live.ruleId(), live.alertname(), live.severity(), true, live.fingerprint(),
                live.kpi(), live.window(), live.labels(), live.annotations(), live.transition());
        try (var h = join()) {
            h.processElement1(new StreamRecord<>(shadow));
            h.processElement2(new StreamRecord<>(feedback(FeedbackAction.REAL_PROBLEM, live)));

            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    private static OneInputStreamOperatorTestHarness<Feedback, Feedback> precision() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new RulePrecisionFunction(METRICS)));
    }

    @Test
    void precisionIsRealOverJudgedPeriodsAndComesBackAfterARestore() throws Exception {
        AlertEvent a = firing("PrecisionCheck", "/a");
        AlertEvent b = firing("PrecisionCheck", "/b");
        AlertEvent c = firing("PrecisionCheck", "/c");
        OperatorSubtaskState checkpoint;
        try (var h = precision()) {
            h.open();
            h.processElement(new StreamRecord<>(feedback(FeedbackAction.REAL_PROBLEM, a)));
            assertThat(samples("web/PrecisionCheck")).contains("redflag_rule_precision{rule=\"web/PrecisionCheck\"} 1.0");
            h.processElement(new StreamRecord<>(feedback(FeedbackAction.FALSE_ALARM, b)));
            h.processElement(new StreamRecord<>(feedback(FeedbackAction.FALSE_ALARM, c)));
            h.processElement(new StreamRecord<>(feedback(FeedbackAction.FALSE_ALARM, a, a.transition().startsAt(),
                    AT.minusSeconds(60))));
            // 1 real of 3 periods: the older click on /a does not replace the newer verdict
            assertThat(samples("web/PrecisionCheck")).contains("redflag_rule_precision{rule=\"web/PrecisionCheck\"} 0.3333333333333333");
            checkpoint = h.snapshot(1, 1);
            h.processElement(new StreamRecord<>(feedback(FeedbackAction.REAL_PROBLEM, c, c.transition().startsAt(),
                    AT.plusSeconds(60))));
            assertThat(samples("web/PrecisionCheck")).contains("redflag_rule_precision{rule=\"web/PrecisionCheck\"} 0.6666666666666666");
        }
        try (var h = precision()) {
            h.initializeState(checkpoint);
            h.open();
            assertThat(samples("web/PrecisionCheck")).as("back to the checkpoint's tally before any verdict")
                    .contains("redflag_rule_precision{rule=\"web/PrecisionCheck\"} 0.3333333333333333");
        }
    }
}
