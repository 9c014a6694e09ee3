package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.ReceiverMetrics;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
 * <p>At least once: the alerts in flight and those waiting are the writer's checkpointed state,
 * and a restored writer posts them first. Duplicates are harmless, Alertmanager merges alerts by
 * their labels. A batch is done once every Alertmanager has answered or its retries ran out;
 * alerts that could not be posted are counted and dropped, since a firing alert goes again at its
 * next resend and a resolved one still resolves when its last {@code endsAt} passes.
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

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerWriter.class);

    /** An alert as handed over, and when (for the latency from hand-over to outcome). */
    private record Handed(AlertEvent alert, long handedOverNanos) {
    }

    private final AlertmanagerSettings settings;
    private final List<AlertmanagerUrl> alertmanagers;
    private final AlertmanagerClient client;
    private final MetricsHub hub;
    private final Map<AlertmanagerUrl, ReceiverMetrics> metrics;
    private final InstantSource clock;
    private final int maxBatch;
    private final int maxWaiting;

    // guarded by this
    private final LinkedHashMap<String, Handed> waiting = new LinkedHashMap<>();
    private List<Handed> inFlight = List.of();
    private boolean closed;

    private AlertmanagerWriter(AlertmanagerSettings settings, AlertmanagerClient client, MetricsHub hub,
                               InstantSource clock, int maxBatch, int maxWaiting) {
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
        AlertmanagerWriter writer = new AlertmanagerWriter(settings, client, hub, clock, maxBatch, maxWaiting);
        List<Handed> batch;
        synchronized (writer) {
            long now = System.nanoTime();
            for (AlertEvent alert : restored) {
                if (PostableAlert.sendable(alert)) {
                    writer.waiting.put(instance(alert), new Handed(alert, now));
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
            waiting.put(instance, new Handed(alert, System.nanoTime()));
            batch = nextBatch();
        }
        post(batch);
    }

    /** At the end of input, waits until every alert is posted; before a checkpoint, nothing: the state keeps them. */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (!endOfInput) {
            return;
        }
        synchronized (this) {
            while ((!inFlight.isEmpty() || !waiting.isEmpty()) && !closed) {
                wait();
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
        if (closed || !inFlight.isEmpty() || waiting.isEmpty()) {
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
                    .map(am -> client.post(am, json).thenAccept(outcome -> record(am, batch, outcome)))
                    .toArray(CompletableFuture[]::new);
        } catch (RuntimeException e) {
            // a bug, not an outage; the batch is dropped so that the queue does not stop
            LOG.error("Cannot post {} alert(s) to Alertmanager", batch.size(), e);
            alertmanagers.forEach(am -> batch.forEach(h -> metrics.get(am).outcome("failed")));
            done();
            return;
        }
        CompletableFuture.allOf(posts).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.error("Recording an Alertmanager outcome failed", failure);
            }
            done();
        });
    }

    private void record(AlertmanagerUrl alertmanager, List<Handed> batch, Outcome<Void> outcome) {
        ReceiverMetrics receiver = metrics.get(alertmanager);
        receiver.attempts(outcome.attempts());
        long now = System.nanoTime();
        for (Handed h : batch) {
            receiver.delivered(outcome.sent(), Duration.ofNanos(now - h.handedOverNanos()));
        }
        if (!outcome.sent()) {
            LOG.warn("{} alert(s) not delivered to Alertmanager {}: {}; firing ones go again within {}, "
                    + "resolved ones resolve there when their last endsAt passes", batch.size(), alertmanager,
                    outcome.error(), settings.resendInterval());
        }
    }

    /** The batch in flight has its outcome from every Alertmanager: post the next one. */
    private void done() {
        List<Handed> next;
        synchronized (this) {
            inFlight = List.of();
            notifyAll();
            next = nextBatch();
        }
        post(next);
    }
}
