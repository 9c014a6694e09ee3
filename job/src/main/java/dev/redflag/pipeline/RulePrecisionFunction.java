package dev.redflag.pipeline;

import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.VerdictTally;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.FeedbackMetrics;
import dev.redflag.metrics.MetricsHub;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code redflag_rule_precision{rule}} from the joined verdicts ({@link VerdictTally}): one subtask
 * sees every verdict, so each rule's gauge is whole and on one endpoint. The latest verdict of every
 * judged period is operator state, so after a restore the gauges come back as they were before the
 * next verdict arrives. Verdicts are a few a day; the state stays small.
 */
final class RulePrecisionFunction extends ProcessFunction<Feedback, Feedback> implements CheckpointedFunction {

    private final MetricsConfig metrics;
    private transient VerdictTally tally;
    private transient ListState<Feedback> state;
    private transient MetricsHub hub;
    private transient FeedbackMetrics gauges;

    RulePrecisionFunction(MetricsConfig metrics) {
        this.metrics = metrics;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("verdicts", TypeInformation.of(Feedback.class)));
        tally = new VerdictTally();
        for (Feedback f : state.get()) {
            tally.record(f);
        }
    }

    @Override
    public void open(OpenContext openContext) {
        hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        gauges = hub.feedbackMetrics();
        tally.precisions().forEach(gauges::precision);
    }

    @Override
    public void processElement(Feedback verdict, Context ctx, Collector<Feedback> out) {
        tally.record(verdict).ifPresent(p -> gauges.precision(verdict.ruleId(), p));
        out.collect(verdict);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(tally.verdicts());
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.release();
        }
    }
}
