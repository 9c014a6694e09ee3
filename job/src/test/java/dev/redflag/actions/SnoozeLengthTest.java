package dev.redflag.actions;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SnoozeLengthTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void anHourADayAndTheNextMondayMorningInTheReceiversZone() {
        Instant friday = Instant.parse("2026-12-04T10:42:00Z");
        assertThat(SnoozeLength.until("1h", friday, BERLIN)).contains(Instant.parse("2026-12-04T11:42:00Z"));
        assertThat(SnoozeLength.until("1d", friday, BERLIN)).contains(Instant.parse("2026-12-05T10:42:00Z"));
        assertThat(SnoozeLength.until("monday", friday, BERLIN)).contains(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(SnoozeLength.until("monday", friday, NEW_YORK)).contains(Instant.parse("2026-12-07T14:00:00Z"));
    }

    @Test
    void onAMondayBeforeNineItIsTodayAfterNineNextWeek() {
        assertThat(SnoozeLength.until("monday", Instant.parse("2026-12-07T07:59:00Z"), BERLIN))
                .contains(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(SnoozeLength.until("monday", Instant.parse("2026-12-07T08:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-12-14T08:00:00Z"));
    }

    @Test
    void otherOptionsAreNotSnoozes() {
        assertThat(SnoozeLength.until("1y", Instant.EPOCH, BERLIN)).isEmpty();
        assertThat(SnoozeLength.until(null, Instant.EPOCH, BERLIN)).isEmpty();
    }
}
