package dev.redflag.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Alertmanager for integration tests: Debian's {@code prometheus-alertmanager} on a free
 * loopback port, with its own temporary storage, a configuration whose only receiver does nothing,
 * and gossip off, so that tests neither depend on nor disturb anything else on the machine.
 * {@link #start()} returns once it answers {@code /-/ready}; its log goes to a file that failure
 * messages quote. Read what it holds with {@link #alerts()}.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
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

    private final ServiceProcess service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AlertmanagerProcess(ServiceProcess service) {
        this.service = service;
    }

    /**
     * Starts one and waits until it is ready.
     *
     * @throws IllegalStateException when {@link Program#ALERTMANAGER} is missing, or it exits or is
     *                               not ready in time (with its log)
     */
    public static AlertmanagerProcess start() throws IOException, InterruptedException {
        Path binary = Program.ALERTMANAGER.path();
        return new AlertmanagerProcess(ServiceProcess.start("Alertmanager", READY_TIMEOUT,
                (directory, port) -> command(binary, directory, port)));
    }

    /** {@code http://127.0.0.1:<port>}, the URL to post alerts to. */
    public URI baseUri() {
        return service.baseUri();
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

    /** Gossip off: a test's Alertmanager must not find another on the network. */
    private static List<String> command(Path binary, Path directory, int port) throws IOException {
        Path config = Files.writeString(directory.resolve("alertmanager.yml"), CONFIG);
        return List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=debug");
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
        return HttpRequest.newBuilder(baseUri().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
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
