package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;
import dev.redflag.config.MetricsConfig;
import dev.redflag.metrics.FeedbackMetrics;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.yaml.ConfigException;
import dev.redflag.notify.dispatch.AlertGroup;
import dev.redflag.notify.dispatch.Dispatcher;
import dev.redflag.notify.dispatch.GroupStore;
import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.route.Silences;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink shell around {@link Dispatcher}: one key (alerts are few, and inhibition must see every
 * firing alert, as one Alertmanager does), groups, firing alerts and acknowledged firing periods in
 * keyed state, the silences file in broadcast state, and processing-time timers for group_wait,
 * group_interval and repeat_interval, as Alertmanager's timers are wall-clock ones. Everything is
 * checkpointed, so after a restore the groups, their notification logs, the acknowledgements and
 * the timers are as they were.
 *
 * <p>Its keyed input is alert transitions (left) and feedback records (right) on the same key: an
 * Acknowledge stops its firing period's repeats ({@link Dispatcher#acknowledge}); other feedback is
 * not the dispatcher's business and is ignored here.
 */
public class NotificationDispatchFunction
        extends KeyedBroadcastProcessFunction<Integer, Either<AlertEvent, Feedback>, String, Notification> {

    /** The silences file text under one key. */
    static final MapStateDescriptor<String, String> SILENCES =
            new MapStateDescriptor<>("silences", Types.STRING, Types.STRING);
    private static final String CURRENT = "current";
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatchFunction.class);

    private final Dispatcher dispatcher;
    private final MetricsConfig metrics;

    private transient MapState<String, AlertGroup> groups;
    private transient MapState<String, AlertEvent> firing;
    private transient MapState<String, Long> acknowledged;
    private transient String silencesText;
    private transient Silences silences;

    private transient MetricsHub hub;
    private transient FeedbackMetrics counters;

    public NotificationDispatchFunction(RouteTree routes, MetricsConfig metrics) {
        this.dispatcher = new Dispatcher(routes);
        this.metrics = metrics;
    }

    /** Every alert and every feedback record goes to the one key. */
    public static Integer key(Either<AlertEvent, Feedback> input) {
        return 0;
    }

    /** The keyed input's type: alert transitions or feedback records. */
    public static TypeInformation<Either<AlertEvent, Feedback>> inputType() {
        return new EitherTypeInfo<>(TypeInformation.of(AlertEvent.class), TypeInformation.of(Feedback.class));
    }

    @Override
    public void open(OpenContext openContext) {
        groups = getRuntimeContext().getMapState(new MapStateDescriptor<>("groups", Types.STRING,
                TypeInformation.of(AlertGroup.class)));
        firing = getRuntimeContext().getMapState(new MapStateDescriptor<>("firing", Types.STRING,
                TypeInformation.of(AlertEvent.class)));
        acknowledged = getRuntimeContext().getMapState(new MapStateDescriptor<>("acknowledged", Types.STRING,
                Types.LONG));
        hub = MetricsHub.shared(metrics.port(), metrics.lastPort());
        counters = hub.feedbackMetrics();
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.release();
        }
    }

    @Override
    public void processElement(Either<AlertEvent, Feedback> input, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        if (input.isRight()) {
            acknowledge(input.right());
            return;
        }
        TimerService timers = ctx.timerService();
        // a resolution of a firing period not told yet flushes its group at once (Dispatcher#accept)
        dispatcher.accept(input.left(), timers.currentProcessingTime(), silences(ctx.getBroadcastState(SILENCES)),
                store(), timers::registerProcessingTimeTimer).forEach(out::collect);
    }

    private void acknowledge(Feedback feedback) {
        if (feedback.action() != FeedbackAction.ACKNOWLEDGE) {
            return;
        }
        long startsAt = feedback.startsAt().toEpochMilli();
        boolean applied = dispatcher.acknowledge(feedback.fingerprint(), startsAt, store());
        counters.acknowledgement(applied);
        if (applied) {
            LOG.info("Alert {} (firing since {}) acknowledged, no more repeats until it resolves",
                    feedback.fingerprint(), feedback.startsAt());
        } else {
            LOG.info("Acknowledgement of alert {} (firing since {}) ignored: that period is not firing",
                    feedback.fingerprint(), feedback.startsAt());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        TimerService timers = ctx.timerService();
        Silences active = silences(ctx.getBroadcastState(SILENCES));
        dispatcher.flushDue(timestamp, active, store(), timers::registerProcessingTimeTimer).forEach(out::collect);
    }

    @Override
    public void processBroadcastElement(String silencesYaml, Context ctx, Collector<Notification> out)
            throws Exception {
        try {
            SilenceFile.read(silencesYaml, "silences (rules topic)");
        } catch (ConfigException e) {
            // the CLI validates before it publishes; a hand-made record must not lift the silences in force
            LOG.error("Silences rejected, the previous ones stay in force:\n{}", e.getMessage());
            return;
        }
        ctx.getBroadcastState(SILENCES).put(CURRENT, silencesYaml);
        LOG.info("Silences updated");
    }

    private Silences silences(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String text = state.get(CURRENT);
        if (text == null) {
            return Silences.NONE;
        }
        if (!text.equals(silencesText)) {
            silences = SilenceFile.read(text, "silences (rules topic)");
            silencesText = text;
        }
        return silences;
    }

    private GroupStore store() {
        return new GroupStore() {
            @Override
            public AlertGroup group(String key) {
                return unchecked(() -> groups.get(key));
            }

            @Override
            public void put(AlertGroup group) {
                unchecked(() -> {
                    groups.put(group.key(), group);
                    return null;
                });
            }

            @Override
            public void remove(String key) {
                unchecked(() -> {
                    groups.remove(key);
                    return null;
                });
            }

            @Override
            public Collection<AlertGroup> groups() {
                return unchecked(() -> {
                    List<AlertGroup> all = new ArrayList<>();
                    groups.values().forEach(all::add);
                    return all;
                });
            }

            @Override
            public void track(AlertEvent alert) {
                unchecked(() -> {
                    if (alert.phase() == Transition.Phase.FIRING) {
                        firing.put(alert.fingerprint(), alert);
                    } else {
                        firing.remove(alert.fingerprint());
                    }
                    return null;
                });
            }

            @Override
            public Collection<AlertEvent> firing() {
                return unchecked(() -> {
                    List<AlertEvent> all = new ArrayList<>();
                    firing.values().forEach(all::add);
                    return all;
                });
            }

            @Override
            public void acknowledge(String fingerprint, long startsAt) {
                unchecked(() -> {
                    acknowledged.put(fingerprint, startsAt);
                    return null;
                });
            }

            @Override
            public void forgetAcknowledgement(String fingerprint) {
                unchecked(() -> {
                    acknowledged.remove(fingerprint);
                    return null;
                });
            }

            @Override
            public Map<String, Long> acknowledged() {
                return unchecked(() -> {
                    Map<String, Long> all = new HashMap<>();
                    acknowledged.entries().forEach(e -> all.put(e.getKey(), e.getValue()));
                    return all;
                });
            }
        };
    }

    /** Flink's state calls declare Exception; a failure there must fail the task, as it would anyway. */
    private static <T> T unchecked(StateCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("state access failed", e);
        }
    }

    @FunctionalInterface
    private interface StateCall<T> {
        T run() throws Exception;
    }
}
