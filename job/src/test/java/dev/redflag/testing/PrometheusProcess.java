package dev.redflag.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus for integration tests: Debian's {@code prometheus} on a free loopback port, with
 * a configuration the test writes and its own temporary storage, so that tests neither depend on
 * nor disturb anything else on the machine. {@link #start} returns once it answers
 * {@code /-/ready}; its log goes to a file that failure messages quote. Ask it things through its
 * HTTP API with {@link #query}, {@link #queryRange} and {@link #labelValues}.
 */
public final class PrometheusProcess implements AutoCloseable {

    /** Where Debian's package puts them; {@code .ci/run} installs the package. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the API answered: {@code status} {@code success} with {@code data}, or {@code error} with
     * {@code errorType} and {@code error}.
     */
    public record Answer(String status, JsonNode data, String errorType, String error) {

        public boolean ok() {
            return "success".equals(status);
        }

        /** The series of a vector or matrix result, or the values of a label values answer. */
        public JsonNode result() {
            return data.has("result") ? data.path("result") : data;
        }

        @Override
        public String toString() {
            return ok() ? "success: " + data : errorType + ": " + error;
        }
    }

    private enum Readiness { STARTING, READY, EXITED }

    private final Process process;
    private final Path directory;
    private final Path log;
    private final URI baseUri;
    private final Instant started;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusProcess(Process process, Path directory, Path log, URI baseUri) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.baseUri = baseUri;
        this.started = Instant.now();
    }

    /** Fails with the command that installs Debian's package when {@code binary} is missing. */
    public static void requireInstalled(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: install Debian's Prometheus with "
                    + "`apt-get install prometheus` (.ci/run does this)");
        }
    }

    /**
     * Starts one with the configuration {@code config} makes for the port it listens on (so that it
     * can scrape itself), and waits until it is ready.
     *
     * @throws IllegalStateException when the binary is missing, or it exits or is not ready in time
     *                               (with its log)
     */
    public static PrometheusProcess start(IntFunction<String> config) throws IOException, InterruptedException {
        requireInstalled(BINARY);
        for (int attempt = 1; ; attempt++) {
            PrometheusProcess prometheus = launch(config);
            Readiness readiness;
            try {
                readiness = Await.until(READY_TIMEOUT, prometheus::readiness, r -> r != Readiness.STARTING);
            } catch (AssertionError notReady) {
                String output = prometheus.log();
                prometheus.close();
                throw new IllegalStateException("Prometheus was not ready within " + READY_TIMEOUT
                        + "; its log:\n" + output, notReady);
            }
            if (readiness == Readiness.READY) {
                return prometheus;
            }
            String output = prometheus.log();
            prometheus.close();
            // the free port was taken between choosing and binding it: choose another
            if (attempt >= START_ATTEMPTS || !output.contains("address already in use")) {
                throw new IllegalStateException("Prometheus exited with " + prometheus.process.exitValue()
                        + " before it was ready; its log:\n" + output);
            }
        }
    }

    /** A port nothing listens on right now, for a process the test starts. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    /** When it was started: the earliest time it can have samples of. */
    public Instant started() {
        return started;
    }

    /** {@code /api/v1/query}: the expression at {@code time}. */
    public Answer query(String expr, Instant time) {
        return get("/api/v1/query", params("query", expr, "time", seconds(time)));
    }

    /** {@code /api/v1/query_range}: the expression from {@code start} to {@code end} every {@code step}. */
    public Answer queryRange(String expr, Instant start, Instant end, Duration step) {
        return get("/api/v1/query_range", params("query", expr, "start", seconds(start), "end", seconds(end),
                "step", decimalSeconds(step.toMillis())));
    }

    /**
     * {@code /api/v1/label/<label>/values}: the values of {@code label} between {@code start} and
     * {@code end}, on the series {@code selector} matches (all series when empty).
     */
    public Answer labelValues(String label, String selector, Instant start, Instant end) {
        Map<String, String> params = params("start", seconds(start), "end", seconds(end));
        if (!selector.isEmpty()) {
            params.put("match[]", selector);
        }
        return get("/api/v1/label/" + label + "/values", params);
    }

    /** Everything it has logged so far, for failure messages. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops it (SIGTERM, then SIGKILL after 10 s) and deletes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a test over
        }
    }

    @Override
    public String toString() {
        return "Prometheus at " + baseUri;
    }

    private static PrometheusProcess launch(IntFunction<String> config) throws IOException {
        Path directory = Files.createTempDirectory("redflag-prometheus-");
        int port = freePort();
        Path file = Files.writeString(directory.resolve("prometheus.yml"), config.apply(port));
        Path log = directory.resolve("prometheus.log");
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + file,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=info")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrometheusProcess(process, directory, log, URI.create("http://127.0.0.1:" + port));
    }

    private Readiness readiness() {
        if (!process.isAlive()) {
            return Readiness.EXITED;
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUri.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? Readiness.READY : Readiness.STARTING;
        } catch (IOException e) {
            return Readiness.STARTING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.EXITED;
        }
    }

    /** API errors (400 bad_data, 422 execution) come back as answers; anything else is a failure. */
    private Answer get(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri.resolve(path + "?" + query))
                            .timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body() + "\nPrometheus log:\n" + log());
            }
            return new Answer(body.path("status").asText(), body.path("data"), body.path("errorType").asText(null),
                    body.path("error").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed; Prometheus log:\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, String> params(String... keysAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    private static String seconds(Instant time) {
        return decimalSeconds(time.toEpochMilli());
    }

    private static String decimalSeconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
