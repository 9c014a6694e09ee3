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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an Alertmanager holds, read through its API v2: for the tests that run one
 * ({@link AlertmanagerProcess}) and for the soak, which stops and starts the local stack's.
 */
public final class AlertmanagerApi {

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

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param baseUri {@code http://host:port} of the Alertmanager */
    public AlertmanagerApi(URI baseUri) {
        this.baseUri = baseUri;
    }

    /**
     * The alerts it holds that have not ended ({@code GET /api/v2/alerts}): active ones and silenced or
     * inhibited ones. Alertmanager 0.25 leaves out alerts whose {@code endsAt} has passed, so a resolved
     * alert is no longer in the list.
     *
     * @throws UncheckedIOException  when it cannot be reached
     * @throws IllegalStateException when it answers anything but 200
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

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + baseUri.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
