package dev.redflag.backtest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineDiffTest {

    private static long t(String hhmm) {
        return Instant.parse("2026-11-02T" + hhmm + ":00Z").toEpochMilli();
    }

    private static AlertPeriod p(String from, String to) {
        return new AlertPeriod("BounceRateRising", "f", t(from), to == null ? Long.MAX_VALUE : t(to));
    }

    @Test
    void addedRemovedAndMovedPeriodsAsAPullRequestTable() {
        String pricing = "BounceRateRising{page=\"/pricing\"}";
        String home = "BounceRateRising{page=\"/\"}";
        String blog = "BounceRateRising{page=\"/blog\"}";
        Map<String, List<AlertPeriod>> before = Map.of(
                pricing, List.of(p("06:00", "09:00"), p("14:00", "15:00")),
                home, List.of(p("10:00", "11:00")));
        Map<String, List<AlertPeriod>> after = Map.of(
                pricing, List.of(p("07:00", "09:00"), p("14:00", "15:00")),
                blog, List.of(p("12:00", null)));
        List<TimelineDiff.Change> changes = TimelineDiff.between(before, after);
        assertThat(changes).extracting(TimelineDiff.Change::kind).containsExactly(
                TimelineDiff.Change.Kind.REMOVED, TimelineDiff.Change.Kind.ADDED, TimelineDiff.Change.Kind.MOVED);
        assertThat(TimelineDiff.markdown(changes, 3, 3)).isEqualTo("""
                **Alert timeline: 3 → 3 firing periods** (1 added, 1 removed, 1 moved)

                | change | alert | firing before | firing after |
                |---|---|---|---|
                | removed | `BounceRateRising{page="/"}` | 2026-11-02T10:00:00Z .. 2026-11-02T11:00:00Z | – |
                | added | `BounceRateRising{page="/blog"}` | – | 2026-11-02T12:00:00Z .. end |
                | moved | `BounceRateRising{page="/pricing"}` | 2026-11-02T06:00:00Z .. 2026-11-02T09:00:00Z | 2026-11-02T07:00:00Z .. 2026-11-02T09:00:00Z (start +1h, end same) |
                """);
    }

    @Test
    void identicalTimelinesHaveNoChange() {
        Map<String, List<AlertPeriod>> same = Map.of("A{}", List.of(p("01:00", "02:00")));
        assertThat(TimelineDiff.between(same, same)).isEmpty();
        assertThat(TimelineDiff.markdown(List.of(), 1, 1)).endsWith("No change.\n");
    }
}
