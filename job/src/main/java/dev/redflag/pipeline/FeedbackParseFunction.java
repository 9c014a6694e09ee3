package dev.redflag.pipeline;

import dev.redflag.alert.feedback.Feedback;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.FeedbackMetrics;
import dev.redflag.metrics.MetricsHub;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedback topic records into {@link Feedback}: a record that is not one is counted
 * ({@code redflag_feedback_malformed_total}), logged with the reason and skipped, so one bad record
 * never fails the job. Feedback is a few records a day; a log line each costs nothing.
 */
final class FeedbackParseFunction extends ProcessFunction<byte[], Feedback> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackParseFunction.class);

    private final MetricsConfig metrics;
    private transient MetricsHub hub;
    private transient FeedbackMetrics counters;

    FeedbackParseFunction(MetricsConfig metrics) {
        this.metrics = metrics;
    }

    @Override
    public void open(OpenContext openContext) {
        hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        counters = hub.feedbackMetrics();
    }

    @Override
    public void processElement(byte[] record, Context ctx, Collector<Feedback> out) {
        try {
            out.collect(Feedback.parse(record));
        } catch (Feedback.Malformed e) {
            counters.malformed();
            LOG.warn("Feedback record skipped, it is not one: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.release();
        }
    }
}
