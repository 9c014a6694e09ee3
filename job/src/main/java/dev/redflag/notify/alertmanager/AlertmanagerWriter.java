package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.ReceiverMetrics;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.delivery.Sleeper;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Hands alerts to Alertmanager in batches without holding up the task thread. {@link #write} only
 * queues; one batch at a time is posted, to every Alertmanager at once, and whatever arrives
 * meanwhile makes the next batch. One batch at a time keeps the events of one alert in order
 * (a resolve never overtakes the firing it ends), and it is what lets a slow Alertmanager slow
 * the job down gently instead of filling memory.
 *
 * <p>Waiting alerts are kept per alert instance (fingerprint and startsAt): a later event for the
 * same instance replaces one still waiting, so a resend is superseded by a newer one or by the
 * resolve, and the queue cannot grow beyond the number of distinct alerts. When
 * {@code maxWaiting} of them wait anyway, {@code write} waits for the batch in flight: the
 * alternative, dropping alerts, is worse than backpressure, and it only happens when the
 * Alertmanagers take longer than their retries allow for many alerts at once.
 *
 * <p>At least once, through an outage of any length: the alerts in flight and those waiting are
 * the writer's checkpointed state, and a restored writer posts them first. A batch is done once
 * every Alertmanager has answered or its quick retries ran out. When one could not take it for
 * now (5xx, 429, timeout, refused connection), its alerts go back to the front of the queue,
 * unless a newer event of the same alert came meanwhile, and the next batch waits a growing,
 * jittered time capped at the resend interval: a resolution is posted until Alertmanager takes
 * it, rather than left to the {@code endsAt} of the last firing post. Duplicates are harmless,
 * Alertmanager merges alerts by their labels. An answer that will not get better (another 4xx)
 * drops the batch, counted as failed.
 *
 * <p>{@code write}, {@code flush}, {@code snapshotState} and {@code close} run on the task
 * thread; completions on the HTTP client's threads; the monitor of this object guards the queue.
 */
final class AlertmanagerWriter implements StatefulSinkWriter<AlertEvent, AlertEvent> {

    /** Alerts in one post; Alertmanager has no limit, but one huge body would be retried whole. */
    static final int MAX_BATCH = 500;

    /** Distinct alerts waiting before {@code write} waits. */
    static final int MAX_WAITING = 10_000;

    static final String INTEGRATION = "alertmanager";

    /** How long the end of a bounded input waits for Alertmanager to take what is left. */
    static final Duration END_OF_INPUT_WAIT = Duration.ofMinutes(2);

    /** The waits before posting again after a batch Alertmanager could not take, before the cap of the resend interval. */
    static final RetryPolicy PENDING_BACKOFF = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(5), 2,
            RetryPolicy.DEFAULT_JITTER);

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerWriter.class);

    /** An alert as handed over, and when (for the latency from hand-over to outcome, and the backlog's age). */
    private record Handed(AlertEvent alert, long handedOverNanos, long handedOverMillis) {
    }

    private final AlertmanagerSettings settings;
    private final List<AlertmanagerUrl> alertmanagers;
    private final AlertmanagerClient client;
    private final MetricsHub hub;
    private final Map<AlertmanagerUrl, ReceiverMetrics> metrics;
    private final InstantSource clock;
    private final int maxBatch;
    private final int maxWaiting;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    // guarded by this
    private final Map<AlertmanagerUrl, Integer> failuresInARow = new HashMap<>();
    /** Batches in a row some Alertmanager could not take; 0 after one all took. */
    private int failedBatches;
    /** Waiting before the next post, after a batch that could not be taken. */
    private boolean backingOff;
    private final LinkedHashMap<String, Handed> waiting = new LinkedHashMap<>();
    private List<Handed> inFlight = List.of();
    private boolean closed;

    private AlertmanagerWriter(AlertmanagerSettings settings, AlertmanagerClient client, MetricsHub hub,
                               InstantSource clock, int maxBatch, int maxWaiting, Sleeper sleeper,
                               RandomGenerator random) {
        if (maxBatch < 1 || maxWaiting < 1) {
            throw new IllegalArgumentException("maxBatch and maxWaiting must be at least 1: " + maxBatch + ", "
                    + maxWaiting);
        }
        this.settings = settings;
        this.alertmanagers = settings.alertmanagers();
        this.client = client;
        this.hub = hub;
        Map<AlertmanagerUrl, ReceiverMetrics> byAlertmanager = new LinkedHashMap<>();
        alertmanagers.forEach(am -> byAlertmanager.put(am,
                new ReceiverMetrics(hub.notificationMetrics(), INTEGRATION, am.receiver())));
        byAlertmanager.values().forEach(m -> m.expect("sent", "failed"));
        this.metrics = byAlertmanager;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.maxWaiting = maxWaiting;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * A writer that starts by posting {@code restored}, the state of a checkpoint. It owns one
     * reference to {@code hub} and gives it back on {@link #close()}.
     */
    static AlertmanagerWriter open(AlertmanagerSettings settings, AlertmanagerClient client, MetricsHub hub,
                                   InstantSource clock, Collection<AlertEvent> restored) {
        return open(settings, client, hub, clock, restored, MAX_BATCH, MAX_WAITING);
    }

    static AlertmanagerWriter open(AlertmanagerSettings settings, AlertmanagerClient client, MetricsHub hub,
                                   InstantSource clock, Collection<AlertEvent> restored, int maxBatch,
                                   int maxWaiting) {
        return open(settings, client, hub, clock, restored, maxBatch, maxWaiting, Sleeper.system(), new Random());
    }

    /**
     * @param sleeper the waits before posting again after a batch Alertmanager could not take
     */
    static AlertmanagerWriter open(AlertmanagerSettings settings, AlertmanagerClient client, MetricsHub hub,
                                   InstantSource clock, Collection<AlertEvent> restored, int maxBatch,
                                   int maxWaiting, Sleeper sleeper, RandomGenerator random) {
        AlertmanagerWriter writer = new AlertmanagerWriter(settings, client, hub, clock, maxBatch, maxWaiting,
                sleeper, random);
        List<Handed> batch;
        synchronized (writer) {
            long now = System.nanoTime();
            long millis = clock.millis();
            for (AlertEvent alert : restored) {
                if (PostableAlert.sendable(alert)) {
                    writer.waiting.put(instance(alert), new Handed(alert, now, millis));
                }
            }
            batch = writer.nextBatch();
        }
        if (!restored.isEmpty()) {
            LOG.info("Alertmanager sink restored {} alert(s) not yet acknowledged; posting them again",
                    restored.size());
        }
        writer.post(batch);
        return writer;
    }

    @Override
    public void write(AlertEvent alert, Context context) throws InterruptedException {
        if (!PostableAlert.sendable(alert)) {
            return;
        }
        String instance = instance(alert);
        List<Handed> batch;
        synchronized (this) {
            while (waiting.size() >= maxWaiting && !waiting.containsKey(instance) && !closed) {
                wait();
            }
            waiting.put(instance, new Handed(alert, System.nanoTime(), clock.millis()));
            batch = nextBatch();
            if (batch == null) {
                // a batch is out or the writer backs off: the gauges count this alert now, not at the
                // next post, which may be a resend interval away. A scan of at most MAX_WAITING,
                // per alert transition, not per event.
                publishBacklog();
            }
        }
        post(batch);
    }

    /**
     * At the end of input, waits until every alert is posted, for {@link #END_OF_INPUT_WAIT} at most;
     * before a checkpoint, nothing: the state keeps them.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (!endOfInput) {
            return;
        }
        long deadline = System.nanoTime() + END_OF_INPUT_WAIT.toNanos();
        synchronized (this) {
            while ((!inFlight.isEmpty() || !waiting.isEmpty()) && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} alert(s) not yet taken by Alertmanager at the end of input",
                            inFlight.size() + waiting.size());
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The alerts in flight, then those waiting, in the order they will be posted. */
    @Override
    public synchronized List<AlertEvent> snapshotState(long checkpointId) {
        List<AlertEvent> state = new ArrayList<>(inFlight.size() + waiting.size());
        inFlight.forEach(h -> state.add(h.alert()));
        waiting.values().forEach(h -> state.add(h.alert()));
        return state;
    }

    /** Posts nothing more; a batch in flight runs out on its own. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            metrics.values().forEach(receiver -> receiver.backlog(0, 0, 0));
            notifyAll();
        }
        hub.release();
    }

    /** The alert's identity across its events: resends and the resolve of one firing share it. */
    private static String instance(AlertEvent alert) {
        return alert.fingerprint() + '@' + alert.transition().startsAt();
    }

    /** Moves the next batch from waiting to in flight, unless one is in flight; null when there is nothing to post. */
    private List<Handed> nextBatch() {
        if (closed || backingOff || !inFlight.isEmpty() || waiting.isEmpty()) {
            return null;
        }
        List<Handed> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
        Iterator<Handed> it = waiting.values().iterator();
        while (it.hasNext() && batch.size() < maxBatch) {
            batch.add(it.next());
            it.remove();
        }
        inFlight = List.copyOf(batch);
        notifyAll();
        publishBacklog();
        return inFlight;
    }

    private void post(List<Handed> batch) {
        if (batch == null) {
            return;
        }
        CompletableFuture<?>[] posts;
        try {
            Instant now = clock.instant();
            List<PostableAlert> alerts = batch.stream()
                    .map(h -> PostableAlert.of(h.alert(), now, settings).orElseThrow())
                    .toList();
            String json = AlertmanagerJson.write(alerts);
            posts = alertmanagers.stream()
                    .map(am -> client.post(am, json).thenApply(outcome -> record(am, batch, outcome)))
                    .toArray(CompletableFuture[]::new);
        } catch (RuntimeException e) {
            // a bug, not an outage; the batch is dropped so that the queue does not stop
            LOG.error("Cannot post {} alert(s) to Alertmanager", batch.size(), e);
            alertmanagers.forEach(am -> batch.forEach(h -> metrics.get(am).outcome("failed")));
            done(batch, false);
            return;
        }
        CompletableFuture.allOf(posts).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.error("Recording an Alertmanager outcome failed", failure);
            }
            boolean again = false;
            for (CompletableFuture<?> post : posts) {
                again |= !post.isCompletedExceptionally() && Boolean.TRUE.equals(post.join());
            }
            done(batch, again);
        });
    }

    /** Counts one Alertmanager's outcome of a batch; true when it could not take it for now, so the batch goes again. */
    private boolean record(AlertmanagerUrl alertmanager, List<Handed> batch, Outcome<Void> outcome) {
        ReceiverMetrics receiver = metrics.get(alertmanager);
        receiver.attempts(outcome.attempts());
        boolean again = !outcome.sent() && outcome.retryable();
        synchronized (this) {
            if (outcome.sent()) {
                failuresInARow.remove(alertmanager);
            } else {
                failuresInARow.merge(alertmanager, 1, Integer::sum);
            }
        }
        if (!again) {
            long now = System.nanoTime();
            for (Handed h : batch) {
                receiver.delivered(outcome.sent(), Duration.ofNanos(now - h.handedOverNanos()));
            }
        }
        if (again) {
            LOG.warn("{} alert(s) not taken by Alertmanager {} for now: {}; kept, and posted again", batch.size(),
                    alertmanager, outcome.error());
        } else if (!outcome.sent()) {
            LOG.error("{} alert(s) refused for good by Alertmanager {}, dropped: {}", batch.size(), alertmanager,
                    outcome.error());
        }
        return again;
    }

    /**
     * The batch in flight has its outcome from every Alertmanager: post the next one, at once, or
     * when {@code again}, with the batch back in front, after a wait.
     */
    private void done(List<Handed> batch, boolean again) {
        List<Handed> next;
        synchronized (this) {
            inFlight = List.of();
            if (again && !closed) {
                LinkedHashMap<String, Handed> requeued = new LinkedHashMap<>();
                for (Handed h : batch) {
                    String instance = instance(h.alert());
                    if (!waiting.containsKey(instance)) { // else a newer event of the same alert replaces it
                        requeued.put(instance, h);
                    }
                }
                requeued.putAll(waiting);
                waiting.clear();
                waiting.putAll(requeued);
                failedBatches++;
                Duration wait = retryDelay(failedBatches);
                backingOff = true;
                publishBacklog();
                sleeper.sleep(wait).thenRun(this::backOffOver);
            } else if (!again) {
                failedBatches = 0;
            }
            publishBacklog();
            notifyAll();
            next = nextBatch();
        }
        post(next);
    }

    private void backOffOver() {
        List<Handed> next;
        synchronized (this) {
            backingOff = false;
            next = nextBatch();
        }
        post(next);
    }

    /** The wait after the {@code failures}-th batch in a row that could not be taken: jittered, at most the resend interval. */
    Duration retryDelay(int failures) {
        Duration wait = PENDING_BACKOFF.backoff(failures, random);
        return wait.compareTo(settings.resendInterval()) > 0 ? settings.resendInterval() : wait;
    }

    /** Called with the monitor held. */
    private void publishBacklog() {
        int pending = inFlight.size() + waiting.size();
        long oldest = Long.MAX_VALUE;
        for (Handed h : inFlight) {
            oldest = Math.min(oldest, h.handedOverMillis());
        }
        for (Handed h : waiting.values()) {
            oldest = Math.min(oldest, h.handedOverMillis());
        }
        long oldestSince = pending == 0 ? 0 : oldest;
        metrics.forEach((am, receiver) -> receiver.backlog(pending, oldestSince, failuresInARow.getOrDefault(am, 0)));
    }
}
