package dev.redflag.notify.alertmanager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
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

    /** One request as received; header names are case-insensitive. */
    record Received(String method, String path, String query, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private CountDownLatch gate = new CountDownLatch(0);

    private AlertmanagerStandIn(HttpServer server) {
        this.server = server;
    }

    static AlertmanagerStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AlertmanagerStandIn standIn = new AlertmanagerStandIn(server);
            server.createContext("/", standIn::handle);
            server.setExecutor(standIn.executor);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            int status;
            CountDownLatch held;
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), headers, body));
                status = script.isEmpty() ? 200 : script.poll();
                held = gate;
            }
            if (!held.await(30, TimeUnit.SECONDS)) {
                status = 599;
            }
            byte[] bytes = status == 200 ? new byte[0] : ("\"status " + status + "\"").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
