package dev.redflag.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final Instant WALL_START = Instant.parse("2026-11-24T14:00:00Z");
    /** Twelve hours behind the wall clock. */
    private static final Instant SIM_START = Instant.parse("2026-11-24T02:00:00Z");

    private final Pacer pacer = new Pacer(360, SIM_START, WALL_START);

    @Test
    void fastForwardsAtTheGivenSpeed() {
        // one simulated hour per 10 real seconds
        assertThat(pacer.releaseAt(SIM_START.plus(Duration.ofHours(1))))
                .isEqualTo(WALL_START.plusSeconds(10));
        // the first minute is released once its end is due: 60 s / 360 = 166.67 ms
        assertThat(pacer.delayBeforeMinute(SIM_START, WALL_START))
                .isEqualTo(Duration.ofNanos(166_666_667));
        assertThat(pacer.isRealTime(SIM_START.plus(Duration.ofHours(1)))).isFalse();
    }

    @Test
    void delayShrinksAsTheWallClockAdvancesAndNeverGoesNegative() {
        Instant sixHoursIn = SIM_START.plus(Duration.ofHours(6)); // due at WALL_START + 60 s
        assertThat(pacer.delayUntil(sixHoursIn, WALL_START)).isEqualTo(Duration.ofSeconds(60));
        assertThat(pacer.delayUntil(sixHoursIn, WALL_START.plusSeconds(45)))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(pacer.delayUntil(sixHoursIn, WALL_START.plusSeconds(90))).isZero();
    }

    @Test
    void switchesToRealTimeOnceTheSimulationCatchesUp() {
        // 12 h behind at 359 s gained per second: caught up after 12 h / 359 = 120.33 s
        Instant caughtUp = pacer.catchUp().orElseThrow();
        assertThat(Duration.between(WALL_START, caughtUp).toMillis()).isBetween(120_334L, 120_335L);

        Instant later = caughtUp.plus(Duration.ofMinutes(10));
        assertThat(pacer.isRealTime(later)).isTrue();
        assertThat(pacer.releaseAt(later)).isEqualTo(later);
        // a minute is emitted only once it is over on the wall clock
        Instant minuteStart = Instant.parse("2026-11-24T16:00:00Z");
        assertThat(pacer.delayBeforeMinute(minuteStart, minuteStart.plusSeconds(20)))
                .isEqualTo(Duration.ofSeconds(40));
        assertThat(pacer.delayBeforeMinute(minuteStart, minuteStart.plusSeconds(61))).isZero();
    }

    @Test
    void aSimulationStartingNowRunsInRealTimeFromTheStart() {
        Pacer now = new Pacer(360, WALL_START, WALL_START);
        assertThat(now.catchUp()).contains(WALL_START);
        assertThat(now.delayBeforeMinute(WALL_START, WALL_START)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void slowSpeedsNeverCatchUp() {
        Pacer slow = new Pacer(1, SIM_START, WALL_START);
        assertThat(slow.catchUp()).isEmpty();
        assertThat(slow.releaseAt(SIM_START.plusSeconds(30))).isEqualTo(WALL_START.plusSeconds(30));
        assertThat(new Pacer(0.5, SIM_START, WALL_START).releaseAt(SIM_START.plusSeconds(30)))
                .isEqualTo(WALL_START.plusSeconds(60));
    }

    @Test
    void startBehindIsOnAWholeMinute() {
        assertThat(Pacer.startBehind(Instant.parse("2026-11-24T14:03:27.512Z"), Duration.ofHours(14)))
                .isEqualTo(Instant.parse("2026-11-24T00:03:00Z"));
    }

    @Test
    void rejectsNonPositiveSpeed() {
        assertThatThrownBy(() -> new Pacer(0, SIM_START, WALL_START))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.NaN, SIM_START, WALL_START))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
