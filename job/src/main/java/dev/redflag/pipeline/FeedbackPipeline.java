package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.config.MetricsConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * People's actions on alerts, from the feedback topic into the job: parsed (malformed records
 * counted and skipped), then verdicts joined to their alert by fingerprint and firing period start
 * ({@link VerdictJoinFunction}) and tallied into each rule's precision
 * ({@link RulePrecisionFunction}). Acknowledgements go to the dispatcher
 * ({@link NotificationPipeline#routed}). The uids are fixed so savepoints keep the firing periods
 * and the verdicts.
 */
public final class FeedbackPipeline {

    public static final String SOURCE_UID = "kafka-feedback";
    public static final String PARSE_UID = "feedback-parse";
    public static final String JOIN_UID = "verdict-join";
    public static final String PRECISION_UID = "rule-precision";
    public static final String ALERTS_TOPIC_UID = "verdicts-alerts-topic";

    private FeedbackPipeline() {
    }

    /** The records of the feedback topic as feedback, one subtask (feedback is a few records a day). */
    static DataStream<Feedback> parse(DataStream<byte[]> records, MetricsConfig metrics) {
        return records.process(new FeedbackParseFunction(metrics)).returns(TypeInformation.of(Feedback.class))
                .setParallelism(1).name(PARSE_UID).uid(PARSE_UID);
    }

    /**
     * The verdicts that joined their alert, after they moved the feedback counters and the rule's
     * precision gauge.
     */
    static DataStream<Feedback> verdicts(DataStream<AlertEvent> alerts, DataStream<Feedback> feedback,
                                         MetricsConfig metrics) {
        TypeInformation<Feedback> type = TypeInformation.of(Feedback.class);
        return alerts.keyBy(AlertEvent::fingerprint, Types.STRING)
                .connect(feedback.keyBy(Feedback::fingerprint, Types.STRING))
                .process(new VerdictJoinFunction(metrics)).returns(type)
                .name(JOIN_UID).uid(JOIN_UID)
                .process(new RulePrecisionFunction(metrics)).returns(type)
                .setParallelism(1).setMaxParallelism(1)
                .name(PRECISION_UID).uid(PRECISION_UID);
    }
}
