package dev.redflag.backtest;

import dev.redflag.event.DeadLetter;
import dev.redflag.event.DeadLetterReason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTest {

    private static byte[] nps(String ts) {
        return ("{\"type\":\"nps\",\"ts\":\"" + ts + "\",\"respondent_id\":\"r\",\"score\":9}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static long at(String ts) {
        return Instant.parse(ts).toEpochMilli();
    }

    @Test
    void timeFilteringKeepsUndecodableRecordsAndTheirOriginalPositions() {
        History history = History.ofLines("events.jsonl", List.of(
                nps("2026-11-02T05:59:59Z"),
                nps("2026-11-02T06:00:00Z"),
                "not json".getBytes(StandardCharsets.UTF_8),
                nps("2026-11-02T07:30:00Z"),
                nps("2026-11-02T08:00:00Z")));
        History kept = history.between(at("2026-11-02T06:00:00Z"), at("2026-11-02T08:00:00Z"));
        assertThat(kept.positions()).containsExactly("events.jsonl:2", "events.jsonl:3", "events.jsonl:4");
        assertThat(kept.skipped()).isEqualTo(2);
        assertThat(kept.size()).isEqualTo(3);
        // a dead letter of a run over the kept records names the record by its 1-based index
        DeadLetter rejected = new DeadLetter(DeadLetterReason.NOT_JSON, "not JSON", null, null, "events.jsonl", 0, 2);
        assertThat(kept.position(rejected)).isEqualTo("events.jsonl:3");
        assertThat(history.between(Long.MIN_VALUE, Long.MAX_VALUE)).isSameAs(history);
    }
}
