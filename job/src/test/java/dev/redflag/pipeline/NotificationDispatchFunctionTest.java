package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.slack.TestAlerts;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher operator on Flink's keyed broadcast harness, its processing-time clock moved by
 * the test: an Acknowledge from the feedback input stops the repeats of its firing period, survives
 * a restore from a checkpoint, and does not hold the alert's next period.
 */
class NotificationDispatchFunctionTest {

    private static final String ROUTES = """
            route:
              receiver: web
              group_by: [alertname]
              group_wait: 30s
              group_interval: 1m
              repeat_interval: 10m
            receivers:
              - name: web
                slack: {channel: "#web-alerts"}
            """;
    private static final MetricsConfig METRICS = new MetricsConfig(0, 1000);
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final TestAlerts BOUNCE = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate");
    private static final AlertEvent FIRING = BOUNCE.firing(Map.of("page", "/pricing"), 0.7, 0.4, 75);

    private static KeyedBroadcastOperatorTestHarness<Integer, Either<AlertEvent, Feedback>, String, Notification> harness()
            throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new NotificationDispatchFunction(RouteLoader.parse(ROUTES, "routes.yaml"), METRICS),
                        List.of(NotificationDispatchFunction.SILENCES)),
                NotificationDispatchFunction::key, Types.INT, 1, 1, 0);
    }

    private static Feedback feedback(FeedbackAction action, AlertEvent alert) {
        return new Feedback(action, "U0123", "ana", alert.fingerprint(),
                Instant.ofEpochMilli(alert.transition().startsAt()), alert.ruleId(), alert.alertname(),
                new TreeMap<>(alert.labels()), "web", null, null, null, Instant.parse("2026-12-06T10:42:00Z"));
    }

    private static void alert(KeyedBroadcastOperatorTestHarness<Integer, Either<AlertEvent, Feedback>, String, Notification> h,
                              AlertEvent a) throws Exception {
        h.processElement(new StreamRecord<>(Either.Left(a)));
    }

    private static void feedback(KeyedBroadcastOperatorTestHarness<Integer, Either<AlertEvent, Feedback>, String, Notification> h,
                                 Feedback f) throws Exception {
        h.processElement(new StreamRecord<>(Either.Right(f)));
    }

    /** The acknowledgement counter of this JVM's endpoint, shared with other tests: compare differences. */
    private static double acknowledgements(String outcome) {
        MetricsHub hub = MetricsHub.shared(METRICS.port());
        try {
            String prefix = "redflag_alert_acknowledgements_total{outcome=\"" + outcome + "\"} ";
            return hub.scrape().lines().filter(l -> l.startsWith(prefix))
                    .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).findFirst().orElse(0);
        } finally {
            hub.release();
        }
    }

    /** What went out since the last call, as "firing" or "resolved" per notification. */
    private static List<String> sent(KeyedBroadcastOperatorTestHarness<Integer, Either<AlertEvent, Feedback>, String, Notification> h) {
        List<String> out = h.extractOutputValues().stream().map(n -> n.firing() ? "firing" : "resolved").toList();
        h.getOutput().clear();
        return out;
    }

    @Test
    void withoutAnAcknowledgementTheAlertRepeatsEveryRepeatInterval() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            alert(h, FIRING);
            h.setProcessingTime(30 * SECOND);
            assertThat(sent(h)).containsExactly("firing");
            h.setProcessingTime(30 * SECOND + 10 * MINUTE);
            assertThat(sent(h)).containsExactly("firing");
        }
    }

    @Test
    void anAcknowledgementStopsTheRepeatsAcrossARestoreUntilTheAlertResolves() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            alert(h, FIRING);
            h.setProcessingTime(30 * SECOND);
            assertThat(sent(h)).containsExactly("firing");

            double applied = acknowledgements("applied");
            feedback(h, feedback(FeedbackAction.ACKNOWLEDGE, FIRING));
            assertThat(acknowledgements("applied") - applied).isEqualTo(1.0);
            h.setProcessingTime(30 * SECOND + 10 * MINUTE);
            assertThat(sent(h)).isEmpty();
            checkpoint = h.snapshot(1, 30 * SECOND + 10 * MINUTE);
        }
        try (var h = harness()) {
            h.setProcessingTime(30 * SECOND + 10 * MINUTE);
            h.initializeState(checkpoint);
            h.open();
            h.setProcessingTime(30 * SECOND + 40 * MINUTE);
            assertThat(sent(h)).as("no repeat after the restore either").isEmpty();

            alert(h, BOUNCE.resolved(Map.of("page", "/pricing")));
            h.setProcessingTime(30 * SECOND + 41 * MINUTE);
            assertThat(sent(h)).containsExactly("resolved");

            // too late: the period it names is over
            double notFiring = acknowledgements("not_firing");
            feedback(h, feedback(FeedbackAction.ACKNOWLEDGE, FIRING));
            assertThat(acknowledgements("not_firing") - notFiring).isEqualTo(1.0);

            // the alert fires again: a new period, which nobody acknowledged, repeats
            long refired = 30 * SECOND + 50 * MINUTE;
            h.setProcessingTime(refired);
            alert(h, refired(FIRING, refired));
            h.setProcessingTime(refired + 30 * SECOND);
            assertThat(sent(h)).containsExactly("firing");
            h.setProcessingTime(refired + 30 * SECOND + 10 * MINUTE);
            assertThat(sent(h)).containsExactly("firing");
        }
    }

    /**
     * Issue 17, the soak's lost incidents: the job is restored from a checkpoint taken before an
     * incident of two hours (event time) began, and the replay brings its firing and its resolution
     * 200 ms apart, well within group_wait. The receiver hears the firing at once and the
     * resolution one group_interval later; before, the group flushed nothing at all.
     */
    @Test
    void anIncidentReplayedAfterARestoreIsToldFiringThenResolved() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            checkpoint = h.snapshot(1, 0);
        }
        try (var h = harness()) {
            h.setProcessingTime(20 * SECOND);
            h.initializeState(checkpoint);
            h.open();
            long firedAt = FIRING.transition().startsAt();
            alert(h, FIRING);
            h.setProcessingTime(20 * SECOND + 200);
            alert(h, resolved(FIRING, firedAt + 120 * MINUTE));
            assertThat(sent(h)).as("the firing, told when the resolution comes").containsExactly("firing");

            h.setProcessingTime(50 * SECOND);
            assertThat(sent(h)).as("group_wait's timer finds nothing more").isEmpty();
            h.setProcessingTime(20 * SECOND + 200 + MINUTE);
            assertThat(sent(h)).containsExactly("resolved");
            h.setProcessingTime(30 * MINUTE);
            assertThat(sent(h)).isEmpty();
        }
    }

    private static AlertEvent resolved(AlertEvent firing, long at) {
        Transition t = firing.transition();
        return new AlertEvent(firing.ruleId(), firing.alertname(), firing.severity(), false, firing.fingerprint(),
                firing.kpi(), firing.window(), firing.labels(), firing.annotations(),
                new Transition(Transition.Phase.RESOLVED, at, t.startsAt(), at, 0.1, 0.4, -75, t.windowStart(),
                        t.windowEnd(), false));
    }

    private static AlertEvent refired(AlertEvent first, long at) {
        Transition t = first.transition();
        return new AlertEvent(first.ruleId(), first.alertname(), first.severity(), false, first.fingerprint(),
                first.kpi(), first.window(), first.labels(), first.annotations(),
                new Transition(Transition.Phase.FIRING, at, at, t.endsAt(), 0.9, 0.4, 125, t.windowStart(),
                        t.windowEnd(), false));
    }

    @Test
    void verdictsAndSnoozesDoNotStopTheRepeats() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            alert(h, FIRING);
            h.setProcessingTime(30 * SECOND);
            assertThat(sent(h)).containsExactly("firing");

            feedback(h, feedback(FeedbackAction.FALSE_ALARM, FIRING));
            feedback(h, feedback(FeedbackAction.REAL_PROBLEM, FIRING));
            h.setProcessingTime(30 * SECOND + 10 * MINUTE);
            assertThat(sent(h)).containsExactly("firing");
        }
    }
}
