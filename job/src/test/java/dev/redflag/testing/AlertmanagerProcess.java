package dev.redflag.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Alertmanager for integration tests: Debian's {@code prometheus-alertmanager} on a free
 * loopback port, with its own temporary storage, a configuration whose only receiver does nothing,
 * and gossip off, so that tests neither depend on nor disturb anything else on the machine.
 * {@link #start()} returns once it answers {@code /-/ready}; its log goes to a file that failure
 * messages quote. Read what it holds with {@link #alerts()}.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    /** Where Debian's package puts it; {@code .ci/run} installs the package. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final String CONFIG = """
            route:
              receiver: "null"
            receivers:
              - name: "null"
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One alert as {@code GET /api/v2/alerts} shows it.
     *
     * @param state {@code active}, {@code suppressed} or {@code unprocessed}
     */
    public record Alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
                        Instant startsAt, Instant endsAt, String generatorURL, String state) {

        public boolean active() {
            return "active".equals(state);
        }
    }

    private enum Readiness { STARTING, READY, EXITED }

    private final Process process;
    private final Path directory;
    private final Path log;
    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AlertmanagerProcess(Process process, Path directory, Path log, URI baseUri) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.baseUri = baseUri;
    }

    /**
     * Starts one and waits until it is ready.
     *
     * @throws IllegalStateException when the binary is missing, or it exits or is not ready in time
     *                               (with its log)
     */
    public static AlertmanagerProcess start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's Alertmanager with "
                    + "`apt-get install prometheus-alertmanager` (.ci/run does this)");
        }
        for (int attempt = 1; ; attempt++) {
            AlertmanagerProcess alertmanager = launch();
            Readiness readiness;
            try {
                readiness = Await.until(READY_TIMEOUT, alertmanager::readiness, r -> r != Readiness.STARTING);
            } catch (AssertionError notReady) {
                String output = alertmanager.log();
                alertmanager.close();
                throw new IllegalStateException("Alertmanager was not ready within " + READY_TIMEOUT
                        + "; its log:\n" + output, notReady);
            }
            if (readiness == Readiness.READY) {
                return alertmanager;
            }
            String output = alertmanager.log();
            alertmanager.close();
            // the free port was taken between choosing and binding it: choose another
            if (attempt >= START_ATTEMPTS || !output.contains("address already in use")) {
                throw new IllegalStateException("Alertmanager exited with " + alertmanager.process.exitValue()
                        + " before it was ready; its log:\n" + output);
            }
        }
    }

    /** {@code http://127.0.0.1:<port>}, the URL to post alerts to. */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * The alerts Alertmanager holds that have not ended ({@code GET /api/v2/alerts}): active ones and
     * silenced or inhibited ones. Alertmanager 0.25 leaves out alerts whose {@code endsAt} has passed,
     * so a resolved alert is no longer in the list.
     */
    public List<Alert> alerts() {
        JsonNode array = get("/api/v2/alerts");
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : array) {
            alerts.add(new Alert(a.path("fingerprint").asText(), strings(a.path("labels")),
                    strings(a.path("annotations")), instant(a.path("startsAt")), instant(a.path("endsAt")),
                    a.hasNonNull("generatorURL") ? a.get("generatorURL").asText() : null,
                    a.path("status").path("state").asText()));
        }
        return alerts;
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
        return "Alertmanager at " + baseUri;
    }

    private static AlertmanagerProcess launch() throws IOException {
        Path directory = Files.createTempDirectory("redflag-alertmanager-");
        Path config = Files.writeString(directory.resolve("alertmanager.yml"), CONFIG);
        Path log = directory.resolve("alertmanager.log");
        int port = freePort();
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=debug")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new AlertmanagerProcess(process, directory, log, URI.create("http://127.0.0.1:" + port));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Readiness readiness() {
        if (!process.isAlive()) {
            return Readiness.EXITED;
        }
        try {
            HttpResponse<Void> response = http.send(request("/-/ready"), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? Readiness.READY : Readiness.STARTING;
        } catch (IOException e) {
            return Readiness.STARTING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.EXITED;
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(request(path),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body() + "\nAlertmanager log:\n" + log());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed; Alertmanager log:\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Instant instant(JsonNode text) {
        return text.isTextual() ? Instant.parse(text.asText()) : null;
    }
}
