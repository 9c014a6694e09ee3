package dev.redflag.notify.alertmanager;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code POST /api/v2/alerts}: a JSON array of postable alerts, each with
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt} and {@code generatorURL}
 * in that order, absent ones left out. Times are RFC 3339 in UTC with exactly three decimals,
 * {@code 2026-11-02T10:45:00.000Z}, the precision of event time, and fixed-width so that payloads
 * compare as text.
 */
final class AlertmanagerJson {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Never reconfigured after this line, so shared safely between threads. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private AlertmanagerJson() {
    }

    static String write(List<PostableAlert> alerts) {
        StringWriter out = new StringWriter(256 * Math.max(1, alerts.size()));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (PostableAlert alert : alerts) {
                g.writeStartObject();
                map(g, "labels", alert.labels());
                map(g, "annotations", alert.annotations());
                if (alert.startsAt() != null) {
                    g.writeStringField("startsAt", time(alert.startsAt()));
                }
                g.writeStringField("endsAt", time(alert.endsAt()));
                if (alert.generatorURL() != null) {
                    g.writeStringField("generatorURL", alert.generatorURL());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
