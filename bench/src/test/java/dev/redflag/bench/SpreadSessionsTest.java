package dev.redflag.bench;

import dev.redflag.event.Decoded;
import dev.redflag.event.EventDecoder;
import dev.redflag.event.SessionEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadSessionsTest {

    private final Instant start = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void everyRecordIsASessionTheJobDecodes() {
        SpreadSessions sessions = new SpreadSessions(start, 1_800_000, 1000, 7);
        EventDecoder decoder = new EventDecoder();
        for (long i = 0; i < 1000; i++) {
            Decoded d = decoder.decode(sessions.record(i).getBytes(StandardCharsets.UTF_8));
            assertThat(d.isOk()).as(sessions.record(i)).isTrue();
            assertThat(d.event()).isInstanceOf(SessionEvent.class);
        }
    }

    @Test
    void asManyEventsAsPagesCoverEveryPageOnce() {
        SpreadSessions sessions = new SpreadSessions(start, 1_800_000, 500, 500);
        Set<String> pages = new HashSet<>();
        for (long i = 0; i < 500; i++) {
            pages.add(sessions.page(i));
        }
        assertThat(pages).hasSize(500);
    }

    @Test
    void timesAreSpreadEvenlyOverTheSpan() {
        // 4 events over 1,800,000 ms: 0, 450,000, 900,000, 1,350,000 ms after the start
        SpreadSessions sessions = new SpreadSessions(start, 1_800_000, 4, 2);
        EventDecoder decoder = new EventDecoder();

        assertThat(decoder.decode(sessions.record(3).getBytes(StandardCharsets.UTF_8)).event().ts())
                .isEqualTo(start.toEpochMilli() + 1_350_000);
        assertThat(sessions.record(3)).contains("\"ts\":\"2026-11-01T10:22:30.000Z\"").contains("\"page\":\"/p/1\"");
    }
}
