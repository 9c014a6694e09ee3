package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.notify.delivery.HttpDelivery;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.PendingNotices;
import dev.redflag.notify.delivery.PendingPolicy;
import dev.redflag.notify.delivery.Sleeper;
import dev.redflag.notify.route.GroupKey;
import dev.redflag.notify.delivery.ReceiverMetrics;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.dispatch.Notification;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Notifications out to Slack, as a Sink V2 whose writer state holds what Slack has not taken yet
 * (through an outage of any length: {@link SlackNotifier}) and the open incident threads, so a
 * restore sends the one and keeps replying to the other. The endpoint's secret is read on the task manager when the writer opens and is never
 * part of the job graph. Without an endpoint the writer is a dry run that logs each message's
 * exact JSON (the demo shows the same messages on its console, from the dispatcher's output).
 */
public final class SlackSink implements Sink<Notification>, SupportsWriterState<Notification, SlackNotifier.State> {

    /** Where the endpoint comes from, resolved on the task manager. */
    @FunctionalInterface
    public interface EndpointSource extends Serializable {
        Optional<SlackEndpoint> endpoint();

        /** {@code SLACK_WEBHOOK_URL}, {@code SLACK_BOT_TOKEN} and their {@code _FILE} forms. */
        static EndpointSource environment() {
            return () -> SlackEndpoint.fromEnvironment(System.getenv());
        }
    }

    /** How long the end of a bounded input waits for Slack's last answers. */
    static final Duration END_OF_INPUT_WAIT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(SlackSink.class);

    private static final String INTEGRATION = "slack";
    /** Outcomes of chart uploads, counted beside those of messages: a failed chart is no failed notification. */
    static final String CHART_SENT = "chart_sent";
    static final String CHART_FAILED = "chart_failed";

    private final Map<String, String> channels;
    private final String grafanaBaseUrl;
    private final EndpointSource endpoints;
    private final MetricsConfig metrics;
    private final Map<String, PendingPolicy> policies;

    /**
     * @param channels receiver name to Slack channel, for the receivers that have one
     */
    public SlackSink(Map<String, String> channels, String grafanaBaseUrl, EndpointSource endpoints,
                     MetricsConfig metrics) {
        this(channels, grafanaBaseUrl, endpoints, metrics, Map.of());
    }

    /**
     * @param policies route id to how its groups' notifications wait while Slack is down; groups of
     *                 other routes wait as {@link PendingPolicy#DEFAULT}
     */
    public SlackSink(Map<String, String> channels, String grafanaBaseUrl, EndpointSource endpoints,
                     MetricsConfig metrics, Map<String, PendingPolicy> policies) {
        this.policies = Map.copyOf(policies);
        this.channels = Map.copyOf(channels);
        this.grafanaBaseUrl = grafanaBaseUrl;
        this.endpoints = endpoints;
        this.metrics = metrics;
        new Links(grafanaBaseUrl, null); // fail at job definition, not on the task manager
    }

    @Override
    public StatefulSinkWriter<Notification, SlackNotifier.State> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<Notification, SlackNotifier.State> restoreWriter(WriterInitContext context,
                                                                             Collection<SlackNotifier.State> states) {
        Links links = new Links(grafanaBaseUrl, null);
        Optional<SlackEndpoint> endpoint = endpoints.endpoint();
        if (endpoint.isEmpty()) {
            return new DryRunWriter(channels, links);
        }
        MetricsHub hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        Map<String, ReceiverMetrics> receivers = new TreeMap<>();
        channels.keySet().forEach(receiver -> receivers.put(receiver,
                new ReceiverMetrics(hub.notificationMetrics(), INTEGRATION, receiver)));
        receivers.values().forEach(m -> m.expect("sent", "failed", "resent"));
        boolean bot = !endpoint.get().isWebhook();
        if (bot) {
            receivers.values().forEach(m -> m.expect(CHART_SENT, CHART_FAILED));
        }
        SlackNotifier.Listener listener = new SlackNotifier.Listener() {
            @Override
            public void delivered(Notification n, String call, Outcome<SlackPost> d, boolean resent,
                                  Duration sinceHandOver) {
                ReceiverMetrics receiver = receivers.get(n.receiver());
                receiver.attempts(d.attempts());
                if (call.equals("update")) {
                    if (!d.sent()) {
                        LOG.warn("Slack could not update the message of {}: {}", n.groupKey(), d.error());
                    }
                } else if (d.sent() || !d.retryable()) {
                    // a notification that failed only for now stays pending: no outcome yet
                    receiver.delivered(d.sent(), sinceHandOver);
                    if (resent && d.sent()) {
                        receiver.outcome("resent");
                    }
                }
            }

            @Override
            public void chartShared(Notification n, AlertEvent alert, Outcome<String> upload) {
                receivers.get(n.receiver()).outcome(upload.sent() ? CHART_SENT : CHART_FAILED);
                if (!upload.sent()) {
                    LOG.warn("Slack could not share the chart of {}: {}", alert.fingerprint(), upload.error());
                }
            }

            @Override
            public void backlog(Map<String, PendingNotices.Backlog> byReceiver) {
                receivers.forEach((name, receiver) -> {
                    PendingNotices.Backlog b = byReceiver.getOrDefault(name, PendingNotices.Backlog.EMPTY);
                    receiver.backlog(b.pending(), b.oldestSince(), b.consecutiveFailures());
                });
            }
        };
        Map<String, PendingPolicy> routes = policies;
        PendingNotices pending = new PendingNotices(
                key -> routes.getOrDefault(GroupKey.routeId(key), PendingPolicy.DEFAULT),
                SlackNotifier.PENDING_BACKOFF, new Random());
        SlackNotifier notifier = new SlackNotifier(SlackSender.create(endpoint.get()), bot, channels, links, listener,
                bot ? new SlackFiles(endpoint.get(), HttpDelivery.create(RetryPolicy.defaults())) : null, pending,
                InstantSource.system(), Sleeper.system());
        states.forEach(notifier::restore);
        LOG.info("Slack notifications go to {} ({} receivers)", endpoint.get(), channels.size());
        return new Writer(notifier, hub);
    }

    @Override
    public SimpleVersionedSerializer<SlackNotifier.State> getWriterStateSerializer() {
        return new SlackStateSerializer();
    }

    private static final class Writer implements StatefulSinkWriter<Notification, SlackNotifier.State> {
        private final SlackNotifier notifier;
        private final MetricsHub hub;

        Writer(SlackNotifier notifier, MetricsHub hub) {
            this.notifier = notifier;
            this.hub = hub;
        }

        @Override
        public void write(Notification n, Context context) {
            notifier.submit(n);
        }

        @Override
        public void flush(boolean endOfInput) throws InterruptedException {
            // a checkpoint does not wait for Slack: what is unanswered goes into the state instead
            if (endOfInput && !notifier.awaitIdle(END_OF_INPUT_WAIT)) {
                LOG.warn("{} Slack notification(s) still unanswered at the end of input", notifier.inFlight());
            }
        }

        @Override
        public List<SlackNotifier.State> snapshotState(long checkpointId) {
            return List.of(notifier.state());
        }

        @Override
        public void close() {
            notifier.close();
            hub.release();
        }
    }

    /** No Slack configured: log what would be posted, exactly. */
    private static final class DryRunWriter implements StatefulSinkWriter<Notification, SlackNotifier.State> {
        private final Map<String, String> channels;
        private final Links links;

        DryRunWriter(Map<String, String> channels, Links links) {
            this.channels = channels;
            this.links = links;
            LOG.info("Slack is not configured (set SLACK_WEBHOOK_URL or SLACK_BOT_TOKEN): messages are only logged");
        }

        @Override
        public void write(Notification n, SinkWriter.Context context) {
            String channel = channels.get(n.receiver());
            if (channel == null) {
                return;
            }
            LOG.info("Slack message for {} (dry run): {}", channel, SlackNotifier.message(n, channel, links).toJson());
        }

        @Override
        public void flush(boolean endOfInput) {
        }

        @Override
        public List<SlackNotifier.State> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
