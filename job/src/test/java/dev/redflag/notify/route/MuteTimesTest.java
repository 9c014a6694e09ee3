package dev.redflag.notify.route;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.redflag.notify.route.Fixtures.at;
import static dev.redflag.notify.route.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

class MuteTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final RouteTree tree = Fixtures.routes();
    private final MuteTimes muteTimes = tree.muteTimes();
    /** growth route: muted by "nights", 22:00–07:00 Berlin time, Saturday and Sunday nights. */
    private final Route growth = tree.match(labels("team", "growth")).get(0);

    private static Route routeMutedBy(String interval) {
        return new Route("r", List.of(), "x", GroupBy.of(), RouteLoader.DEFAULT_GROUP_WAIT,
                RouteLoader.DEFAULT_GROUP_INTERVAL, RouteLoader.DEFAULT_REPEAT_INTERVAL, false, List.of(interval),
                false, List.of());
    }

    private static TimeRange range(String start, String end) {
        return new TimeRange(LocalTime.parse(start), LocalTime.parse(end), false);
    }

    @Test
    void aWrappingRangeBelongsToTheNightItStarts() {
        // 2026-11-28 is a Saturday; Berlin is UTC+1 in November.
        assertThat(muteTimes.isMuted(growth, at("2026-11-27T21:30:00Z"))).as("Fri 22:30").isFalse();
        assertThat(muteTimes.isMuted(growth, at("2026-11-28T02:00:00Z"))).as("Sat 03:00, Friday night").isFalse();
        assertThat(muteTimes.isMuted(growth, at("2026-11-28T20:59:59Z"))).as("Sat 21:59:59").isFalse();
        assertThat(muteTimes.isMuted(growth, at("2026-11-28T21:00:00Z"))).as("Sat 22:00").isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-11-28T22:59:59Z"))).as("Sat 23:59:59").isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-11-28T23:00:00Z"))).as("Sun 00:00").isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-11-29T05:59:59Z"))).as("Sun 06:59:59").isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-11-29T06:00:00Z"))).as("Sun 07:00").isFalse();
        assertThat(muteTimes.isMuted(growth, at("2026-11-30T02:00:00Z"))).as("Mon 03:00, Sunday night").isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-11-30T21:30:00Z"))).as("Mon 22:30").isFalse();
        assertThat(muteTimes.mutedBy(growth, at("2026-11-28T21:00:00Z"))).containsExactly("nights");
    }

    @Test
    void wallClockTimesHoldAcrossDaylightSavingChanges() {
        // Berlin switches to CEST (UTC+2) on Sunday 2026-03-29 at 02:00 local time.
        assertThat(muteTimes.isMuted(growth, at("2026-03-22T05:30:00Z"))).as("a week before, Sun 06:30 CET")
                .isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-03-29T05:30:00Z"))).as("Sun 07:30 CEST").isFalse();
        assertThat(muteTimes.isMuted(growth, at("2026-03-29T04:59:59Z"))).as("Sun 06:59:59 CEST").isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-03-28T20:59:59Z"))).as("Sat 21:59:59 CET").isFalse();
        assertThat(muteTimes.isMuted(growth, at("2026-03-28T21:00:00Z"))).as("Sat 22:00 CET").isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-03-29T00:30:00Z"))).as("Sun 01:30 CET").isTrue();
        assertThat(muteTimes.isMuted(growth, at("2026-03-29T01:30:00Z"))).as("Sun 03:30 CEST").isTrue();
    }

    @Test
    void theSkippedHourNeverOccursAndTheRepeatedHourOccursTwice() {
        TimeInterval twoToThree = new TimeInterval("t", BERLIN, Set.of(), List.of(range("02:00", "03:00")));
        MuteTimes mute = new MuteTimes(Map.of("t", twoToThree));
        Route route = routeMutedBy("t");
        // spring: 00:59:59Z is 01:59:59 CET, 01:00:00Z is already 03:00 CEST
        assertThat(mute.isMuted(route, at("2026-03-29T00:59:59Z"))).isFalse();
        assertThat(mute.isMuted(route, at("2026-03-29T01:00:00Z"))).isFalse();
        // autumn: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET)
        assertThat(mute.isMuted(route, at("2026-10-25T00:30:00Z"))).isTrue();
        assertThat(mute.isMuted(route, at("2026-10-25T01:30:00Z"))).isTrue();
        assertThat(mute.isMuted(route, at("2026-10-25T02:00:00Z"))).as("03:00 CET").isFalse();
    }

    @Test
    void withoutTimesTheWholeDayIsMutedAndWithoutWeekdaysEveryDay() {
        TimeInterval weekend = new TimeInterval("w", BERLIN, Set.of(java.time.DayOfWeek.SUNDAY), List.of());
        TimeInterval evenings = new TimeInterval("e", ZoneId.of("UTC"), Set.of(),
                List.of(new TimeRange(LocalTime.parse("18:00"), LocalTime.MIDNIGHT, true)));
        MuteTimes mute = new MuteTimes(Map.of("w", weekend, "e", evenings));
        assertThat(mute.isMuted(routeMutedBy("w"), at("2026-11-28T23:00:00Z"))).as("Sun 00:00 Berlin").isTrue();
        assertThat(mute.isMuted(routeMutedBy("w"), at("2026-11-28T22:59:59Z"))).as("Sat 23:59:59").isFalse();
        assertThat(mute.isMuted(routeMutedBy("e"), at("2026-11-25T23:59:59Z"))).isTrue();
        assertThat(mute.isMuted(routeMutedBy("e"), at("2026-11-26T00:00:00Z"))).isFalse();
        assertThat(mute.isMuted(routeMutedBy("e"), at("2026-11-26T17:59:59Z"))).isFalse();
    }

    @Test
    void routesWithoutIntervalsAreNeverMuted() {
        assertThat(muteTimes.isMuted(tree.root(), at("2026-11-28T23:00:00Z"))).isFalse();
    }
}
