package dev.redflag.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/**
 * The HTTP half of a stand-in for a service the job calls (Slack, Alertmanager): a server on the
 * loopback interface that records every request it gets and answers each as the stand-in's
 * {@link Answers} decide. Retries and the reading of answers are only believable against real
 * HTTP, with real headers and a real connection to lose.
 */
public final class HttpStandIn implements AutoCloseable {

    /** One request as received; header names are case-insensitive; {@code bytes} is the body as sent. */
    public record Received(String method, String path, String query, Map<String, String> headers, String body,
                           byte[] bytes) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    /** One answer as sent; no body when {@code body} is empty. */
    public record Reply(int status, Map<String, String> headers, String body) {
    }

    /** How a stand-in answers. */
    @FunctionalInterface
    public interface Answers {
        /**
         * Called as {@code request} is recorded, one request at a time, so that requests take a
         * script's answers in the order they were recorded. What it returns is awaited outside
         * that, so that a slow or held answer does not hold up the requests behind it.
         */
        Pending answer(Received request);
    }

    /** An answer chosen, given once it is ready (at once, after a delay, or once released). */
    @FunctionalInterface
    public interface Pending {
        Reply await() throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Answers answers;
    private final List<Received> received = new ArrayList<>();
    /** Held while a request is recorded and answered, so requests are answered in the order they are recorded. */
    private final Object answering = new Object();

    private HttpStandIn(HttpServer server, ExecutorService executor, Answers answers) {
        this.server = server;
        this.executor = executor;
        this.answers = answers;
    }

    /** Starts one on a free port, answering on {@code executor}'s threads; {@link #close()} shuts it down. */
    public static HttpStandIn start(ExecutorService executor, Answers answers) {
        return start(0, executor, answers);
    }

    /** Starts one on {@code port} (0 for any free one), e.g. the port of one closed to play a service that went away and came back. */
    public static HttpStandIn start(int port, ExecutorService executor, Answers answers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            HttpStandIn standIn = new HttpStandIn(server, executor, answers);
            server.createContext("/", standIn::handle);
            server.setExecutor(executor);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body, raw);
            Pending pending;
            // the answer is taken outside this stand-in's lock: an answer may lock a stand-in built on this
            // one (SlackStandIn), whose own methods read received() under their lock, the other way round
            synchronized (answering) {
                synchronized (this) {
                    received.add(request);
                }
                pending = answers.answer(request);
            }
            Reply reply = pending.await();
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            // closing: the exchange ends without an answer, as a lost connection would
            Thread.currentThread().interrupt();
        }
    }
}
