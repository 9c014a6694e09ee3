package dev.redflag.pipeline;

import dev.redflag.event.Envelope;
import dev.redflag.event.EventDecoder;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline event time: records pass stamped with their event's time, no watermark moves while the
 * input is read, and the end of input moves it to the latest trusted event, then to the end.
 */
class EndOfInputWatermarksTest {

    private final EventDecoder decoder = new EventDecoder();

    @Test
    void theWatermarkHoldsUntilTheInputEndsThenPassesTheLatestTrustedEvent() throws Exception {
        long skew = Duration.ofDays(1).toMillis();
        String farAhead = Instant.now().plus(Duration.ofDays(30)).toString(); // the event gate dead-letters it
        try (var harness = new OneInputStreamOperatorTestHarness<>(new EndOfInputWatermarks(skew))) {
            harness.open();
            harness.processElement(new StreamRecord<>(session("2026-11-02T10:30:00Z")));
            harness.processElement(new StreamRecord<>(session("2026-11-02T12:15:00Z")));
            harness.processElement(new StreamRecord<>(session(farAhead)));
            harness.processElement(new StreamRecord<>(bad()));
            harness.processElement(new StreamRecord<>(session("2026-11-02T09:00:00Z"))); // out of order: not late
            harness.processWatermark(new Watermark(at("2026-11-02T12:00:00Z"))); // only the end counts

            assertThat(stamps(harness)).containsExactly(at("2026-11-02T10:30:00Z"), at("2026-11-02T12:15:00Z"),
                    Instant.parse(farAhead).toEpochMilli(), null, at("2026-11-02T09:00:00Z"));
            assertThat(harness.getOutput()).noneMatch(e -> e instanceof Watermark);

            harness.getOutput().clear();
            harness.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(harness.getOutput()).containsExactly(new Watermark(at("2026-11-02T12:15:00Z")),
                    Watermark.MAX_WATERMARK);
        }
    }

    /** Each record's timestamp, null for one without. */
    private static List<Long> stamps(OneInputStreamOperatorTestHarness<Envelope, Envelope> harness) {
        List<Long> out = new ArrayList<>();
        for (Object e : harness.getOutput()) {
            if (e instanceof StreamRecord<?> r) {
                out.add(r.hasTimestamp() ? r.getTimestamp() : null);
            }
        }
        return out;
    }

    private Envelope session(String ts) {
        return envelope("{\"type\":\"session\",\"ts\":\"" + ts + "\",\"tenant\":\"acme\",\"session_id\":\"s" + ts
                + "\",\"page\":\"/home\",\"pageviews\":2}");
    }

    private Envelope bad() {
        return envelope("{\"type\":\"session\",");
    }

    private Envelope envelope(String line) {
        byte[] raw = line.getBytes(StandardCharsets.UTF_8);
        return Envelope.of(decoder.decode(raw), null, raw, "file", 0, 1);
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
