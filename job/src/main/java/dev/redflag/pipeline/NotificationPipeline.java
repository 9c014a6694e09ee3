package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;
import dev.redflag.config.MetricsConfig;
import dev.redflag.notify.alertmanager.AlertResendFunction;
import dev.redflag.notify.alertmanager.AlertmanagerSettings;
import dev.redflag.notify.alertmanager.AlertmanagerSink;
import dev.redflag.notify.alertmanager.PostableAlert;
import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.slack.SlackSink;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.types.Either;

import java.util.Map;

/**
 * Alert transitions out to receivers, on top of {@link AlertPipeline}: the Alertmanager branch
 * (every transition Alertmanager should hear of, resent while firing) and the routed branch (the
 * dispatcher's notification stages, then Slack). The uids are fixed so that savepoints keep the
 * resend timers, the groups with their notification logs, and the sinks' unanswered notifications
 * across changes to the rest of the job.
 */
public final class NotificationPipeline {

    public static final String ALERTMANAGER_FILTER_UID = "alertmanager-filter";
    public static final String ALERTMANAGER_RESEND_UID = "alertmanager-resend";
    public static final String ALERTMANAGER_SINK_UID = "alertmanager-sink";
    public static final String DISPATCH_UID = "notification-dispatch";
    public static final String DISPATCH_ALERTS_UID = "notification-dispatch-alerts";
    public static final String DISPATCH_ACK_FILTER_UID = "notification-dispatch-ack-filter";
    public static final String DISPATCH_ACKS_UID = "notification-dispatch-acks";
    public static final String SLACK_UID = "slack";

    private NotificationPipeline() {
    }

    /**
     * Drops what Alertmanager never hears of (pending, shadow), keys by fingerprint, resends firing
     * alerts every resend interval, posts.
     */
    public static DataStreamSink<AlertEvent> alertmanager(DataStream<AlertEvent> alerts,
                                                          AlertmanagerSettings settings, MetricsConfig metrics) {
        return alerts
                .filter(PostableAlert::sendable).uid(ALERTMANAGER_FILTER_UID).name(ALERTMANAGER_FILTER_UID)
                .keyBy(AlertEvent::fingerprint, Types.STRING)
                .process(new AlertResendFunction(settings.resendInterval()))
                .uid(ALERTMANAGER_RESEND_UID).name(ALERTMANAGER_RESEND_UID)
                .sinkTo(new AlertmanagerSink(settings, metrics)).uid(ALERTMANAGER_SINK_UID).name(ALERTMANAGER_SINK_UID);
    }

    /**
     * One dispatcher subtask (see {@link NotificationDispatchFunction}) fed the silences, then Slack
     * for the receivers that post there. Both run at parallelism 1: alert transitions are few,
     * inhibition must see every firing alert, and one Slack writer keeps each incident's thread in
     * one place.
     *
     * @param feedback   people's actions on alerts: an Acknowledge stops its alert's repeats
     * @param grafanaUrl where Slack's buttons link to; empty for none
     * @return what the dispatcher hands to receivers
     */
    public static DataStream<Notification> routed(DataStream<AlertEvent> alerts, DataStream<Feedback> feedback,
                                                  DataStream<String> silences, Notifications notifications,
                                                  String grafanaUrl, MetricsConfig metrics) {
        TypeInformation<Either<AlertEvent, Feedback>> input = NotificationDispatchFunction.inputType();
        DataStream<Either<AlertEvent, Feedback>> transitions = alerts
                .map(a -> Either.<AlertEvent, Feedback>Left(a)).returns(input)
                .name(DISPATCH_ALERTS_UID).uid(DISPATCH_ALERTS_UID);
        DataStream<Either<AlertEvent, Feedback>> acknowledgements = feedback
                .filter(f -> f.action() == FeedbackAction.ACKNOWLEDGE)
                .name(DISPATCH_ACK_FILTER_UID).uid(DISPATCH_ACK_FILTER_UID)
                .map(f -> Either.<AlertEvent, Feedback>Right(f)).returns(input)
                .name(DISPATCH_ACKS_UID).uid(DISPATCH_ACKS_UID);
        DataStream<Notification> dispatched = transitions.union(acknowledgements)
                .keyBy(NotificationDispatchFunction::key)
                .connect(silences.broadcast(NotificationDispatchFunction.SILENCES))
                .process(new NotificationDispatchFunction(notifications.routes(), metrics))
                .returns(TypeInformation.of(Notification.class))
                .setParallelism(1).setMaxParallelism(1)
                .name(DISPATCH_UID).uid(DISPATCH_UID);
        Map<String, String> channels = notifications.slackChannels();
        if (!channels.isEmpty()) {
            dispatched.sinkTo(new SlackSink(channels, grafanaUrl, notifications.slack(), metrics,
                            notifications.pendingPolicies()))
                    .setParallelism(1).name(SLACK_UID).uid(SLACK_UID);
        }
        return dispatched;
    }
}
