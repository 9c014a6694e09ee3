package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.notify.chart.AlertChart;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.dispatch.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns notifications into Slack posts without blocking the caller, keeping per group the order in
 * which they were handed over (a resolution never overtakes the firing message it answers).
 *
 * <p>With a bot token the first notification of a group is a new message; every later one is a
 * reply in its thread, and the original message is updated through {@code chat.update} to show
 * the group as it stands, so the channel keeps one message per incident whose colour tells its
 * state. Once the group resolves the thread is forgotten. A webhook cannot reply or edit, so
 * there every notification is a new post. With {@link SlackFiles} the charts of the firings follow
 * the message that first shows them into the thread: the new message's, and a reply's for the
 * alerts that joined the group since.
 *
 * <p>What has been handed over and not yet answered, and the open threads, are the
 * {@link State} a checkpoint keeps; after a restore the unanswered notifications are sent again.
 */
public final class SlackNotifier {

    /**
     * An open incident message: where it is, its {@code ts}, and the firings its thread has shown
     * ({@link #firingKey}), so that a firing that joins the group later gets its chart in the
     * thread once, and one already shown does not get it again with every reply.
     */
    public record PostedThread(String channel, String ts, Set<String> shown) implements Serializable {

        public PostedThread {
            shown = Set.copyOf(shown);
        }

        public PostedThread(String channel, String ts) {
            this(channel, ts, Set.of());
        }

        PostedThread showing(List<AlertEvent> firings) {
            Set<String> more = new java.util.TreeSet<>(shown);
            firings.forEach(a -> more.add(firingKey(a)));
            return new PostedThread(channel, ts, more);
        }
    }

    /** One firing of one alert: its fingerprint and when it started to fire (a new firing after a resolution is another). */
    static String firingKey(AlertEvent alert) {
        return alert.fingerprint() + "@" + alert.transition().startsAt();
    }

    /**
     * What a checkpoint keeps.
     *
     * @param pending notifications handed over and not yet answered, in hand-over order
     * @param threads group key to the message its later notifications reply to
     */
    public record State(List<Notification> pending, Map<String, PostedThread> threads) {

        public static final State EMPTY = new State(List.of(), Map.of());

        public State {
            pending = List.copyOf(pending);
            threads = Map.copyOf(threads);
        }
    }

    /** Hears the outcome of every Slack call, for metrics. */
    public interface Listener {

        /**
         * @param call    {@code post}, {@code reply} or {@code update}
         * @param resent  the notification is sent again after a restore
         */
        void delivered(Notification notification, String call, Outcome<SlackPost> delivery, boolean resent);

        /** The chart of one alert of the notification was shared in its thread, or failed to be. */
        default void chartShared(Notification notification, AlertEvent alert, Outcome<String> upload) {
        }
    }

    /** Charts shared with one message of an incident, its first or a reply: more would bury the thread. */
    static final int MAX_CHARTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);

    private final SlackSender sender;
    private final boolean threads;
    private final Map<String, String> channels;
    private final Links links;
    private final Listener listener;
    /** Shares the charts of firings; null when they are not shared (a webhook cannot). */
    private final SlackFiles files;
    /** Chart uploads under way; they run beside the group's messages, never in front of them. */
    private final Map<Long, CompletableFuture<Void>> uploads = new ConcurrentHashMap<>();
    private final Map<String, PostedThread> open = new ConcurrentHashMap<>();
    private final Map<Long, Notification> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> tails = new java.util.HashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param channels receiver name to its Slack channel; notifications for other receivers are
     *                 dropped, as Alertmanager drops what reaches a receiver without integrations
     */
    public SlackNotifier(SlackSender sender, boolean botApi, Map<String, String> channels, Links links,
                         Listener listener) {
        this(sender, botApi, channels, links, listener, null);
    }

    /**
     * @param files shares the charts of firings in the thread of their new message (bot API only);
     *              null for no charts
     */
    public SlackNotifier(SlackSender sender, boolean botApi, Map<String, String> channels, Links links,
                         Listener listener, SlackFiles files) {
        if (files != null && !botApi) {
            throw new IllegalArgumentException("charts are shared in a message's thread: bot API only");
        }
        this.files = files;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.threads = botApi;
        this.channels = Map.copyOf(channels);
        this.links = Objects.requireNonNull(links, "links");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Whether notifications for this receiver go to Slack. */
    public boolean handles(String receiver) {
        return channels.containsKey(receiver);
    }

    /**
     * The message a notification becomes, channel included; also what a dry run prints. Without a
     * silence hint of its own in {@code links}, it shows the command that silences this group.
     */
    public static SlackMessage message(Notification n, String channel, Links links) {
        Links withHint = links.silenceHint() != null ? links
                : new Links(links.grafanaBaseUrl(), SilenceHint.of(n.alerts()));
        return SlackMessage.forGroup(n.title(), n.alerts(), withHint, new ActionTarget(n.receiver(), n.groupKey()))
                .withChannel(channel);
    }

    /** Queues the notification behind earlier ones of its group and returns at once. */
    public void submit(Notification n) {
        submit(n, false);
    }

    private void submit(Notification n, boolean resent) {
        if (!handles(n.receiver())) {
            return;
        }
        long id = sequence.incrementAndGet();
        pending.put(id, n);
        String key = n.groupKey();
        CompletableFuture<Void> next;
        synchronized (tails) {
            CompletableFuture<Void> previous = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
            next = previous
                    .thenCompose(ignored -> deliver(n, resent))
                    .exceptionally(e -> {
                        LOG.error("Slack notification {} failed unexpectedly", n.id(), e);
                        return null;
                    })
                    .whenComplete((ignored, e) -> pending.remove(id));
            tails.put(key, next);
        }
        next.whenComplete((ignored, e) -> {
            synchronized (tails) {
                tails.remove(key, next);
            }
        });
    }

    private CompletableFuture<Void> deliver(Notification n, boolean resent) {
        SlackMessage message = message(n, channels.get(n.receiver()), links);
        if (!threads) {
            return sender.send(message.withChannel(null)).thenAccept(d -> listener.delivered(n, "post", d, resent));
        }
        PostedThread thread = open.get(n.groupKey());
        if (thread == null) {
            return sender.send(message).thenAccept(d -> {
                listener.delivered(n, "post", d, resent);
                if (d.sent() && d.value().ts() != null && n.firing()) {
                    SlackPost post = d.value();
                    PostedThread posted = new PostedThread(post.channel() != null ? post.channel() : message.channel(),
                            post.ts()).showing(firings(n));
                    open.put(n.groupKey(), posted);
                    shareCharts(n, firings(n), posted);
                }
            });
        }
        return sender.send(message.inThread(thread.ts()))
                .thenCompose(reply -> {
                    listener.delivered(n, "reply", reply, resent);
                    if (reply.sent()) {
                        // the firings that joined the group since the thread last showed it: their charts follow the reply
                        List<AlertEvent> joined = firings(n).stream()
                                .filter(a -> !thread.shown().contains(firingKey(a))).toList();
                        if (!joined.isEmpty()) {
                            open.put(n.groupKey(), thread.showing(joined));
                            shareCharts(n, joined, thread);
                        }
                    }
                    return sender.update(message, thread.channel(), thread.ts());
                })
                .thenAccept(update -> {
                    listener.delivered(n, "update", update, resent);
                    if (!n.firing()) {
                        open.remove(n.groupKey());
                    }
                });
    }

    /** The notification's firing alerts, in its order. */
    private static List<AlertEvent> firings(Notification n) {
        return n.alerts().stream().filter(a -> a.phase() == Transition.Phase.FIRING).toList();
    }

    /**
     * The charts of the first of {@code firings} (a new message's, or those that joined the group with a
     * reply), in the thread, once the message is posted: a failed or slow upload neither loses nor
     * holds up a message. Uploads under way are not kept by checkpoints: a chart lost to a restart is
     * not worth a second message.
     */
    private void shareCharts(Notification n, List<AlertEvent> firings, PostedThread thread) {
        if (files == null) {
            return;
        }
        int shared = 0;
        for (AlertEvent alert : firings) {
            if (shared == MAX_CHARTS) {
                break;
            }
            if (alert.chart() == null) {
                continue;
            }
            shared++;
            long id = sequence.incrementAndGet();
            CompletableFuture<Void> upload = CompletableFuture
                    .supplyAsync(() -> chartFile(alert))
                    .thenCompose(file -> files.share(file, thread.channel(), thread.ts()))
                    .exceptionally(e -> new Outcome<>(Outcome.Result.FAILED, 1, Outcome.NO_STATUS,
                            "chart not drawn: " + e.getCause(), null, Duration.ZERO, false))
                    .thenAccept(outcome -> listener.chartShared(n, alert, outcome));
            uploads.put(id, upload);
            upload.whenComplete((ignored, e) -> uploads.remove(id));
        }
    }

    private static SlackFiles.File chartFile(AlertEvent alert) {
        String title = AlertChart.title(alert);
        return new SlackFiles.File(alert.alertname() + ".png", title,
                "Chart of " + title + " with its baseline and the band the rule fires outside", AlertChart.png(alert));
    }

    /** What a checkpoint keeps now. */
    public State state() {
        Map<Long, Notification> sorted = new java.util.TreeMap<>(pending);
        return new State(new ArrayList<>(sorted.values()), new LinkedHashMap<>(open));
    }

    /** Takes over a checkpoint's threads and sends its unanswered notifications again. */
    public void restore(State state) {
        open.putAll(state.threads());
        state.pending().forEach(n -> submit(n, true));
    }

    /** Waits until everything handed over is answered and its charts shared, or the timeout passes. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CompletableFuture<?>[] all;
            synchronized (tails) {
                if (tails.isEmpty() && uploads.isEmpty()) {
                    return true;
                }
                List<CompletableFuture<?>> waiting = new ArrayList<>(tails.values());
                waiting.addAll(uploads.values());
                all = waiting.toArray(CompletableFuture[]::new);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(all).get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // deliveries never fail their future; nothing to report
            } catch (TimeoutException e) {
                return false;
            }
        }
    }

    /** Notifications handed over and not yet answered. */
    public int inFlight() {
        return pending.size();
    }
}
