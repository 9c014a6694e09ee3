package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.testing.HttpStandIn;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The message calls ({@code chat.postMessage}, {@code chat.update}) among the requests the Slack stand-in
 * got, read: which alert, state and page each is about and which KPI window it names. Chart uploads
 * ({@code files.*}) are not messages and are left out.
 */
final class SlackMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One message request: its index among all requests, its path, its text and its blocks' text. */
    record Message(int index, String path, String text, String body) {
        boolean about(String alert, String state, String page, String window) {
            return text.equals("[" + state + ":1] " + alert) && body.contains("page=" + page + ",")
                    && (window == null || body.contains(window));
        }

        boolean post() {
            return path.endsWith("/chat.postMessage");
        }

        boolean update() {
            return path.endsWith("/chat.update");
        }
    }

    private SlackMessages() {
    }

    /** The message requests among {@code received}, but those {@code answeredOk} says were refused. */
    static List<Message> read(List<HttpStandIn.Received> received, IntPredicate answeredOk) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            String path = received.get(i).path();
            if (!path.endsWith("/chat.postMessage") && !path.endsWith("/chat.update") || !answeredOk.test(i)) {
                continue;
            }
            JsonNode body = json(received.get(i).body());
            StringBuilder text = new StringBuilder();
            body.path("blocks").forEach(b -> text.append(b.path("text").path("text").asText()).append('\n'));
            out.add(new Message(i, path, body.path("text").asText(), text.toString()));
        }
        return out;
    }

    /** How a message names the hour window that ends at {@code end}: "10:00–11:00 UTC 2026-12-04". */
    static String window(Instant end) {
        Instant start = end.minus(Duration.ofHours(1));
        return TIME.format(start) + "–" + TIME.format(end) + " UTC " + DATE.format(start);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
