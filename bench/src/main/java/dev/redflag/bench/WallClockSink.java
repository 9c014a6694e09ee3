package dev.redflag.bench;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.notify.dispatch.Notification;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A sink that notes the wall time each firing alert reaches it: the stand-in for Slack in the
 * latency run. Flink serializes sinks into the mini cluster of this same JVM, so what the writers
 * note goes to a static board by channel name, which the benchmark reads once the job is cancelled.
 */
final class WallClockSink<T> implements Sink<T> {

    /** One firing alert seen by a sink: its fingerprint, its event time and the wall time. */
    record Stamp(String fingerprint, long at, long wallMillis) {
    }

    private static final Map<String, Queue<Stamp>> BOARD = new ConcurrentHashMap<>();

    private final String channel;
    private final SerializableFunction<T, List<AlertEvent>> firing;

    private WallClockSink(String channel, SerializableFunction<T, List<AlertEvent>> firing) {
        this.channel = channel;
        this.firing = firing;
    }

    /** FIRING transitions on the alerts stream. */
    static WallClockSink<AlertEvent> transitions(String channel) {
        return new WallClockSink<>(channel, a -> a.phase() == Transition.Phase.FIRING ? List.of(a) : List.of());
    }

    /** The firing alerts of each notification leaving the dispatcher. */
    static WallClockSink<Notification> notifications(String channel) {
        return new WallClockSink<>(channel, n -> n.alerts().stream()
                .filter(a -> a.phase() == Transition.Phase.FIRING).toList());
    }

    /** Opens a channel, forgetting what an earlier run left in it. */
    static void open(String channel) {
        BOARD.put(channel, new ConcurrentLinkedQueue<>());
    }

    static List<Stamp> read(String channel) {
        return List.copyOf(BOARD.getOrDefault(channel, new ConcurrentLinkedQueue<>()));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Stamp> out = BOARD.computeIfAbsent(channel, c -> new ConcurrentLinkedQueue<>());
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                long now = System.currentTimeMillis();
                for (AlertEvent a : firing.apply(element)) {
                    out.add(new Stamp(a.fingerprint(), a.transition().at(), now));
                }
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }

    interface SerializableFunction<A, B> extends Function<A, B>, Serializable {
    }
}
