package dev.redflag.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redflag.event.IsoTimestamps;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordWriterTest {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00.000Z", "2026-11-24T10:00:00.000Z",
            "2028-02-29T23:59:59.999Z", "2026-12-31T23:59:59.001Z", "2027-01-01T00:00:00.010Z"})
    void writesIsoUtcWithMillis(String iso) {
        RecordWriter w = new RecordWriter();
        String json = w.begin("metric", Instant.parse(iso).toEpochMilli(), "acme").end();
        assertThat(json).isEqualTo("{\"type\":\"metric\",\"ts\":\"" + iso + "\",\"tenant\":\"acme\"}");
    }

    @Test
    void timestampsMatchJavaTimeAndTheJobsParserAcrossDays() {
        RecordWriter w = new RecordWriter();
        SplittableRandom r = new SplittableRandom(7);
        long base = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 5_000; i++) {
            long millis = base + r.nextLong(10L * 86_400_000);
            String json = w.begin("metric", millis, "t").end();
            String ts = json.substring(json.indexOf("\"ts\":\"") + 6, json.indexOf("\",\"tenant\""));
            assertThat(ts).isEqualTo(MILLIS.format(Instant.ofEpochMilli(millis)));
            assertThat(IsoTimestamps.parseMillis(ts)).isEqualTo(millis);
        }
    }

    @Test
    void writesFieldsInOrderAndEscapesValues() {
        RecordWriter w = new RecordWriter();
        long ts = Instant.parse("2026-11-24T10:00:00Z").truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        String json = w.begin("order", ts, "ac\"me")
                .dim("team", "sup\\port")
                .str("order_id", "o-1")
                .num("n", 42)
                .cents("amount", 1_999)
                .bool("new_customer", true)
                .end();
        assertThat(json).isEqualTo("{\"type\":\"order\",\"ts\":\"2026-11-24T10:00:00.000Z\","
                + "\"tenant\":\"ac\\\"me\",\"dims\":{\"team\":\"sup\\\\port\"},\"order_id\":\"o-1\","
                + "\"n\":42,\"amount\":19.99,\"new_customer\":true}");
    }
}
