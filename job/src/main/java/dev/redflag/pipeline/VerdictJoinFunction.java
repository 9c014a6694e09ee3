package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.Verdict;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.FeedbackMetrics;
import dev.redflag.metrics.MetricsHub;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Joins each verdict to its alert by fingerprint (the key) and firing period start: the alert's
 * firing periods are kept in state for {@link #KEPT} after they start, and a verdict on one of them
 * is counted ({@code redflag_alert_feedback_total{rule,verdict}}) and passed on; a verdict on a
 * period the job does not know (never fired here, older than {@link #KEPT}, or before the job's
 * state began) is counted as unmatched and goes no further. Shadow alerts notify nobody, so nobody
 * judges them; they are not kept.
 */
final class VerdictJoinFunction extends KeyedCoProcessFunction<String, AlertEvent, Feedback, Feedback> {

    /** How long a firing period can still be judged. */
    static final Duration KEPT = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(VerdictJoinFunction.class);

    private final MetricsConfig metrics;
    private transient MapState<Long, Boolean> periods;
    private transient MetricsHub hub;
    private transient FeedbackMetrics counters;

    VerdictJoinFunction(MetricsConfig metrics) {
        this.metrics = metrics;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<Long, Boolean> descriptor = new MapStateDescriptor<>("firing-periods", Types.LONG,
                Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(KEPT)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        periods = getRuntimeContext().getMapState(descriptor);
        hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        counters = hub.feedbackMetrics();
    }

    @Override
    public void processElement1(AlertEvent alert, Context ctx, Collector<Feedback> out) throws Exception {
        if (!alert.shadow() && alert.phase() == Transition.Phase.FIRING) {
            periods.put(alert.transition().startsAt(), Boolean.TRUE);
        }
    }

    @Override
    public void processElement2(Feedback feedback, Context ctx, Collector<Feedback> out) throws Exception {
        if (feedback.verdict().isEmpty()) {
            return;
        }
        String verdict = feedback.verdict().map(Verdict::recorded).orElseThrow();
        if (periods.contains(feedback.startsAt().toEpochMilli())) {
            counters.verdict(feedback.ruleId(), verdict);
            out.collect(feedback);
        } else {
            counters.unmatched(verdict);
            LOG.info("Verdict {} on alert {} (firing since {}) unmatched: the job knows no such firing period",
                    verdict, feedback.fingerprint(), feedback.startsAt());
        }
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.release();
        }
    }
}
