package dev.redflag.notify.alertmanager;

import dev.redflag.testing.HttpStandIn;
import dev.redflag.testing.HttpStandIn.Received;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An Alertmanager API on the loopback interface for the client's and the writer's tests: retries
 * and the reading of answers are only believable against real HTTP. Plays scripted statuses, one
 * per request ({@code 200} once the script runs out, as Alertmanager answers a good post), records
 * every request, and can hold requests unanswered until released, so that a test sees a batch in
 * flight. The real Alertmanager is in {@code AlertmanagerIT}.
 */
final class AlertmanagerStandIn implements AutoCloseable {

    private final Deque<Integer> script = new ArrayDeque<>();
    private CountDownLatch gate = new CountDownLatch(0);
    private final HttpStandIn http;

    private AlertmanagerStandIn() {
        this.http = HttpStandIn.start(Executors.newFixedThreadPool(4), this::next);
    }

    static AlertmanagerStandIn start() {
        return new AlertmanagerStandIn();
    }

    synchronized AlertmanagerStandIn answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** Requests from now on are recorded at once but answered only after {@link #release()}. */
    synchronized void hold() {
        gate = new CountDownLatch(1);
    }

    synchronized void release() {
        gate.countDown();
    }

    URI baseUri() {
        return URI.create(http.url(""));
    }

    List<Received> received() {
        return http.received();
    }

    @Override
    public void close() {
        release();
        http.close();
    }

    private synchronized HttpStandIn.Pending next(Received request) {
        int scripted = script.isEmpty() ? 200 : script.poll();
        CountDownLatch held = gate;
        return () -> {
            int status = held.await(30, TimeUnit.SECONDS) ? scripted : 599;
            String body = status == 200 ? "" : "\"status " + status + "\"";
            return new HttpStandIn.Reply(status, Map.of(), body);
        };
    }
}
