package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.notify.chart.AlertChart;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.PendingNotices;
import dev.redflag.notify.delivery.PendingPolicy;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.delivery.Sleeper;
import dev.redflag.notify.dispatch.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns notifications into Slack posts without blocking the caller, and keeps every notification
 * Slack has not taken until it does ({@link PendingNotices}): one that fails its quick attempts
 * (Slack answering 5xx or 429, timing out, refusing connections) is tried again after a growing,
 * jittered wait capped at its route's {@code group_interval}, for as long as the outage lasts. Per
 * group one notification is out at a time, so Slack hears a group's notifications in the order
 * they were made; while one waits, a newer one of its group replaces it unless the route sends
 * every transition. An answer that will not get better by asking again (a 4xx other than 429,
 * Slack's {@code channel_not_found} or {@code invalid_auth}) drops the notification, counted and
 * logged with the endpoint's secrets masked.
 *
 * <p>With a bot token the first notification of a group is a new message; every later one is a
 * reply in its thread, and the original message is updated through {@code chat.update} to show
 * the group as it stands, so the channel keeps one message per incident whose colour tells its
 * state. Once the group resolves the thread is forgotten. A webhook cannot reply or edit, so
 * there every notification is a new post. With {@link SlackFiles} the charts of the firings follow
 * the message that first shows them into the thread: the new message's, and a reply's for the
 * alerts that joined the group since.
 *
 * <p>What is not yet taken, and the open threads, are the {@link State} a checkpoint keeps; after
 * a restore those notifications are sent again, the ones that were out counted as resent.
 */
public final class SlackNotifier implements AutoCloseable {

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
     * @param pending notifications Slack has not taken, groups in hand-over order
     * @param threads group key to the message its later notifications reply to
     */
    public record State(List<PendingNotices.Pending> pending, Map<String, PostedThread> threads) {

        public static final State EMPTY = new State(List.of(), Map.of());

        public State {
            pending = List.copyOf(pending);
            threads = Map.copyOf(threads);
        }
    }

    /** Hears the outcome of every Slack call, for metrics. */
    public interface Listener {

        /**
         * @param call          {@code post}, {@code reply} or {@code update}
         * @param resent        the notification is sent again after a restore
         * @param sinceHandOver from the hand-over of the notification (of the oldest it replaced) to this outcome
         */
        void delivered(Notification notification, String call, Outcome<SlackPost> delivery, boolean resent,
                       Duration sinceHandOver);

        /** The chart of one alert of the notification was shared in its thread, or failed to be. */
        default void chartShared(Notification notification, AlertEvent alert, Outcome<String> upload) {
        }

        /** The backlog of every receiver with one, after each change; called with the notifier's lock held. */
        default void backlog(Map<String, PendingNotices.Backlog> byReceiver) {
        }
    }

    /**
     * The waits between tries of a notification Slack did not take, before the cap of its group
     * interval: about 5 s, 10 s, 20 s, ..., each spread by 20%.
     */
    public static final RetryPolicy PENDING_BACKOFF = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(5), 2,
            RetryPolicy.DEFAULT_JITTER);

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
    private final InstantSource clock;
    private final Sleeper sleeper;
    /** Chart uploads under way; they run beside the group's messages, never in front of them. */
    private final Map<Long, CompletableFuture<Void>> uploads = new ConcurrentHashMap<>();
    private final Map<String, PostedThread> open = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Guards {@link #pending}, {@link #wakeAt} and {@link #closed}; waited on by {@link #awaitIdle}. */
    private final Object lock = new Object();
    private final PendingNotices pending;
    /** When the earliest wake-up for a retry is due; {@link Long#MAX_VALUE} for none. */
    private long wakeAt = Long.MAX_VALUE;
    private boolean closed;

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
        this(sender, botApi, channels, links, listener, files, new PendingNotices(key -> PendingPolicy.DEFAULT,
                PENDING_BACKOFF, new Random()), InstantSource.system(), Sleeper.system());
    }

    /**
     * @param pending what is not yet taken, with the policies of its groups (empty)
     * @param clock   the time of hand-overs and retries
     * @param sleeper waits until the next retry is due
     */
    public SlackNotifier(SlackSender sender, boolean botApi, Map<String, String> channels, Links links,
                         Listener listener, SlackFiles files, PendingNotices pending, InstantSource clock,
                         Sleeper sleeper) {
        if (files != null && !botApi) {
            throw new IllegalArgumentException("charts are shared in a message's thread: bot API only");
        }
        this.files = files;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.threads = botApi;
        this.channels = Map.copyOf(channels);
        this.links = Objects.requireNonNull(links, "links");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
        if (!handles(n.receiver())) {
            return;
        }
        synchronized (lock) {
            pending.add(n, clock.millis());
        }
        pump();
    }

    /** Sends every notification that is due and not out, and makes sure a wake-up comes for the next one. */
    private void pump() {
        List<PendingNotices.Pending> due;
        synchronized (lock) {
            if (closed) {
                return;
            }
            due = pending.takeDue(clock.millis());
            scheduleWakeUp();
            listener.backlog(pending.backlog());
        }
        due.forEach(this::start);
    }

    /** Called with the lock held. */
    private void scheduleWakeUp() {
        OptionalLong next = pending.nextRetryAt();
        if (next.isEmpty() || next.getAsLong() >= wakeAt) {
            return;
        }
        long at = next.getAsLong();
        wakeAt = at;
        sleeper.sleep(Duration.ofMillis(Math.max(0, at - clock.millis()))).thenRun(() -> {
            synchronized (lock) {
                if (wakeAt == at) {
                    wakeAt = Long.MAX_VALUE;
                }
            }
            pump();
        });
    }

    private void start(PendingNotices.Pending p) {
        Notification n = p.notice();
        CompletableFuture<Answered> delivery;
        try {
            delivery = deliver(n, p.resent(), p.pendingSince());
        } catch (RuntimeException e) {
            delivery = CompletableFuture.failedFuture(e);
        }
        delivery.handle((answered, e) -> {
            finish(p, answered, e);
            return null;
        }).thenRun(this::pump);
    }

    /** What became of a notification's post or reply: whether Slack took it, and if not whether to try again. */
    private record Answered(String call, Outcome<SlackPost> outcome) {
    }

    private void finish(PendingNotices.Pending p, Answered answered, Throwable failure) {
        Notification n = p.notice();
        synchronized (lock) {
            if (failure != null) {
                // a bug, not an outage: trying again would fail again, so the notification goes
                LOG.error("Slack notification {} failed unexpectedly; dropped", n.id(), failure);
                pending.refused(n);
            } else if (answered.outcome().sent()) {
                pending.sent(n);
            } else if (answered.outcome().retryable()) {
                long retryAt = pending.failed(n, clock.millis());
                LOG.warn("Slack did not take {} ({}{}): {}; waiting since {}, trying again at {}", n.id(),
                        answered.call(), p.resent() ? ", resent" : "", answered.outcome().error(),
                        Instant.ofEpochMilli(p.pendingSince()), Instant.ofEpochMilli(retryAt));
            } else {
                LOG.error("Slack refused {} for good, dropped: {}", n.id(), answered.outcome().error());
                pending.refused(n);
            }
            if (!closed) { // once closed, the backlog is the restored writer's to tell
                listener.backlog(pending.backlog());
            }
            lock.notifyAll();
        }
    }

    private CompletableFuture<Answered> deliver(Notification n, boolean resent, long pendingSince) {
        SlackMessage message = message(n, channels.get(n.receiver()), links);
        if (!threads) {
            return sender.send(message.withChannel(null)).thenApply(d -> {
                listener.delivered(n, "post", d, resent, since(pendingSince));
                return new Answered("post", d);
            });
        }
        PostedThread thread = open.get(n.groupKey());
        if (thread == null) {
            return sender.send(message).thenApply(d -> {
                listener.delivered(n, "post", d, resent, since(pendingSince));
                if (d.sent() && d.value().ts() != null && n.firing()) {
                    SlackPost post = d.value();
                    PostedThread posted = new PostedThread(post.channel() != null ? post.channel() : message.channel(),
                            post.ts()).showing(firings(n));
                    open.put(n.groupKey(), posted);
                    shareCharts(n, firings(n), posted);
                }
                return new Answered("post", d);
            });
        }
        return sender.send(message.inThread(thread.ts()))
                .thenCompose(reply -> {
                    listener.delivered(n, "reply", reply, resent, since(pendingSince));
                    if (!reply.sent()) {
                        return CompletableFuture.completedFuture(new Answered("reply", reply));
                    }
                    // the firings that joined the group since the thread last showed it: their charts follow the reply
                    List<AlertEvent> joined = firings(n).stream()
                            .filter(a -> !thread.shown().contains(firingKey(a))).toList();
                    PostedThread showing = thread;
                    if (!joined.isEmpty()) {
                        showing = thread.showing(joined);
                        open.put(n.groupKey(), showing);
                        shareCharts(n, joined, thread);
                    }
                    PostedThread current = showing;
                    // the update only recolours the first message: one that fails is logged, not retried
                    return sender.update(message, thread.channel(), thread.ts()).thenApply(update -> {
                        listener.delivered(n, "update", update, resent, since(pendingSince));
                        if (!n.firing()) {
                            open.remove(n.groupKey(), current);
                        }
                        return new Answered("reply", reply);
                    });
                });
    }

    private Duration since(long pendingSince) {
        return Duration.ofMillis(Math.max(0, clock.millis() - pendingSince));
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
        synchronized (lock) {
            return new State(pending.state(), new LinkedHashMap<>(open));
        }
    }

    /** Takes over a checkpoint's threads and sends its notifications Slack had not taken. */
    public void restore(State state) {
        open.putAll(state.threads());
        synchronized (lock) {
            pending.restore(state.pending(), clock.millis());
        }
        pump();
    }

    /** Waits until Slack has taken or refused everything handed over and the charts are shared, or the timeout passes. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (pending.size() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        while (!uploads.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(uploads.values().toArray(CompletableFuture[]::new))
                        .get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // uploads never fail their future; nothing to report
            } catch (TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    /** Notifications handed over and not yet taken or refused. */
    public int inFlight() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /**
     * Starts nothing more; what is out runs out on its own, and the state of the last checkpoint
     * keeps the rest. The backlog is told empty: it is the restored writer's to tell from here.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            listener.backlog(Map.of());
            lock.notifyAll();
        }
    }
}
