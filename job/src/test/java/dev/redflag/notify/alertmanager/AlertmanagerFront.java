package dev.redflag.notify.alertmanager;

import dev.redflag.testing.HttpStandIn;
import dev.redflag.testing.HttpStandIn.Received;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * What the writer sees of a real Alertmanager through an outage: a port the writer posts to, where
 * first nothing listens (connections refused), then every request is answered with an error status,
 * then requests pass through to the Alertmanager behind, whose answers come back as they are. It
 * records what it answered itself and what it passed on, each in order.
 */
final class AlertmanagerFront implements AutoCloseable {

    private final URI backend;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Received> answered = new ArrayList<>();
    private final List<Received> passed = new ArrayList<>();
    private HttpStandIn server;
    /** The status every request gets; 0 to pass requests through. */
    private int failing;

    private AlertmanagerFront(URI backend, int port) {
        this.backend = backend;
        this.port = port;
    }

    /** A front for {@code backend} on a free port where nothing listens yet. */
    static AlertmanagerFront refusing(URI backend) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new AlertmanagerFront(backend, probe.getLocalPort());
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** From now on every request is answered {@code status} without reaching the Alertmanager. */
    synchronized void answer(int status) {
        failing = status;
        listen();
    }

    /** From now on requests reach the Alertmanager. */
    synchronized void passThrough() {
        failing = 0;
        listen();
    }

    /** From now on nothing listens: connections are refused. */
    synchronized void refuse() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The requests answered with an error status, in order. */
    synchronized List<Received> answered() {
        return List.copyOf(answered);
    }

    /** The requests passed to the Alertmanager, in order. */
    synchronized List<Received> passed() {
        return List.copyOf(passed);
    }

    @Override
    public void close() {
        refuse();
    }

    private void listen() {
        // the port of a server just closed may take a moment to be free again
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server == null) {
            try {
                server = HttpStandIn.start(port, Executors.newFixedThreadPool(2), this::next);
            } catch (UncheckedIOException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    private synchronized HttpStandIn.Pending next(Received request) {
        int status = failing;
        if (status != 0) {
            answered.add(request);
            return () -> new HttpStandIn.Reply(status, Map.of(), "\"front answers " + status + "\"");
        }
        passed.add(request);
        return () -> forward(request);
    }

    private HttpStandIn.Reply forward(Received request) throws InterruptedException {
        String path = request.path() + (request.query() == null ? "" : "?" + request.query());
        HttpRequest.Builder builder = HttpRequest.newBuilder(backend.resolve(path)).timeout(Duration.ofSeconds(5))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.bytes()));
        String type = request.header("Content-Type");
        if (type != null) {
            builder.header("Content-Type", type);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpStandIn.Reply(response.statusCode(), Map.of(), response.body());
        } catch (IOException e) {
            return new HttpStandIn.Reply(502, Map.of(), "\"front cannot reach Alertmanager: " + e + "\"");
        }
    }
}
