package dev.redflag.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A real Prometheus for integration tests: Debian's {@code prometheus} on a free loopback port, with
 * a configuration the test writes and its own temporary storage, so that tests neither depend on
 * nor disturb anything else on the machine. {@link #start} returns once it answers
 * {@code /-/ready}; its log goes to a file that failure messages quote. Ask it things through its
 * HTTP API with {@link #query}, {@link #queryRange} and {@link #labelValues}.
 */
public final class PrometheusProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
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

    private final ServiceProcess service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusProcess(ServiceProcess service) {
        this.service = service;
    }

    /**
     * Starts one with the configuration {@code config} makes for the port it listens on (so that it
     * can scrape itself), and waits until it is ready.
     *
     * @throws IllegalStateException when {@link Program#PROMETHEUS} is missing, or it exits or is not
     *                               ready in time (with its log)
     */
    public static PrometheusProcess start(IntFunction<String> config) throws IOException, InterruptedException {
        Path binary = Program.PROMETHEUS.path();
        return new PrometheusProcess(ServiceProcess.start("Prometheus", READY_TIMEOUT, (directory, port) -> {
            Path file = Files.writeString(directory.resolve("prometheus.yml"), config.apply(port));
            return List.of(binary.toString(),
                    "--config.file=" + file,
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=info");
        }));
    }

    /** A port nothing listens on right now, for a process the test starts. */
    public static int freePort() throws IOException {
        return ServiceProcess.freePort();
    }

    public URI baseUri() {
        return service.baseUri();
    }

    /** When it was started: the earliest time it can have samples of. */
    public Instant started() {
        return service.started();
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
        return service.log();
    }

    /** Stops it (SIGTERM, then SIGKILL after 10 s) and deletes its files. */
    @Override
    public void close() {
        service.close();
    }

    @Override
    public String toString() {
        return service.toString();
    }

    /** API errors (400 bad_data, 422 execution) come back as answers; anything else is a failure. */
    private Answer get(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri().resolve(path + "?" + query))
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
