package dev.redflag.notify.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Slack on the loopback interface: the sender's retries and its reading of Slack's answers are
 * only believable against real HTTP, with real headers and a real connection to lose. Plays a
 * scripted sequence of answers, one per request (a 500 "unscripted" once the script runs out, or
 * Slack's success answers when started {@link #answeringOk()}), and records every request it gets.
 */
public final class SlackStandIn implements AutoCloseable {

    /** One scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        public Answer(int status, Map<String, String> headers, String body) {
            this(status, headers, body, Duration.ZERO);
        }

        /** The same answer, given only after {@code wait}: Slack on a bad day. */
        public Answer slowly(Duration wait) {
            return new Answer(status, headers, body, wait);
        }

        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body);
        }

        static Answer tooManyRequests(int retryAfterSeconds) {
            return new Answer(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), "");
        }

        static Answer webhookOk() {
            return of(200, "ok");
        }

        static Answer apiOk(String ts) {
            return new Answer(200, Map.of("Content-Type", "application/json; charset=utf-8"),
                    "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"" + ts + "\",\"message\":{}}");
        }

        static Answer apiError(String error) {
            return new Answer(200, Map.of("Content-Type", "application/json; charset=utf-8"),
                    "{\"ok\":false,\"error\":\"" + error + "\"}");
        }
    }

    /** One request as received; header names are case-insensitive. */
    public record Received(String method, String path, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private boolean answerOk;
    private int posted;
    private final List<Received> received = new ArrayList<>();

    private SlackStandIn(HttpServer server) {
        this.server = server;
    }

    /**
     * A stand-in that answers every request as Slack does when all is well: {@code ok} for a
     * webhook, and for the bot API a JSON answer with channel {@code C123} and a {@code ts}
     * that counts up from {@code 1700000000.000001} with each {@code chat.postMessage}.
     */
    public static SlackStandIn answeringOk() {
        SlackStandIn standIn = start();
        synchronized (standIn) {
            standIn.answerOk = true;
        }
        return standIn;
    }

    static SlackStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SlackStandIn standIn = new SlackStandIn(server);
            server.createContext("/", standIn::handle);
            // a slow answer must not hold up the requests behind it
            server.setExecutor(standIn.executor);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SlackStandIn answer(Answer... answers) {
        synchronized (this) {
            script.addAll(List.of(answers));
        }
        return this;
    }

    public String url(String path) {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + path;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Answer ok(String path) {
        if (path.endsWith("/chat.postMessage")) {
            posted++;
            return Answer.apiOk(String.format("1700000000.%06d", posted));
        }
        if (path.endsWith("/chat.update")) {
            return Answer.apiOk("1700000000.000000");
        }
        return Answer.webhookOk();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            Answer answer;
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        headers, body));
                answer = !script.isEmpty() ? script.poll() : answerOk ? ok(exchange.getRequestURI().getPath())
                        : Answer.of(500, "unscripted");
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis()); // the slowness is what is being played
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
