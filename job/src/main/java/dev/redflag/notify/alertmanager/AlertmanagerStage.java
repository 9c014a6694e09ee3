package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.config.MetricsConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * The Alertmanager branch of the job, attached to the stream of alert transitions in one call:
 * drop what Alertmanager never hears of (pending, shadow), key by fingerprint, resend firing
 * alerts every resend interval, post. The uids are fixed so that savepoints keep the resend
 * timers and the sink's unacknowledged alerts across changes to the rest of the job.
 */
public final class AlertmanagerStage {

    public static final String FILTER_UID = "alertmanager-filter";
    public static final String RESEND_UID = "alertmanager-resend";
    public static final String SINK_UID = "alertmanager-sink";

    private AlertmanagerStage() {
    }

    public static DataStreamSink<AlertEvent> attach(DataStream<AlertEvent> alerts, AlertmanagerSettings settings,
                                                    MetricsConfig metrics) {
        return alerts
                .filter(PostableAlert::sendable).uid(FILTER_UID).name(FILTER_UID)
                .keyBy(AlertEvent::fingerprint, Types.STRING)
                .process(new AlertResendFunction(settings.resendInterval())).uid(RESEND_UID).name(RESEND_UID)
                .sinkTo(new AlertmanagerSink(settings, metrics)).uid(SINK_UID).name(SINK_UID);
    }
}
