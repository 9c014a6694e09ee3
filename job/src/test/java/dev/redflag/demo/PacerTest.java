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

    /** The demo's pacing: 38 h behind, a quiet first day at 2880x, then 360x. */
    private static final Instant BEHIND_38H = WALL_START.minus(Duration.ofHours(38));

    private final Pacer twoSpeeds = new Pacer(360, Duration.ofDays(1), 2880, BEHIND_38H, WALL_START);

    @Test
    void theWarmUpIsFastForwardedAtItsOwnSpeedAndTheRestAtTheOther() {
        // one simulated hour of the warm-up per 1.25 s, the whole day in 30 s
        assertThat(twoSpeeds.releaseAt(BEHIND_38H.plus(Duration.ofHours(1)))).isEqualTo(WALL_START.plusMillis(1250));
        assertThat(twoSpeeds.releaseAt(BEHIND_38H.plus(Duration.ofDays(1)))).isEqualTo(WALL_START.plusSeconds(30));
        // then one simulated hour per 10 s: +26 h (the first incident) is due 30 s + 20 s in
        assertThat(twoSpeeds.releaseAt(BEHIND_38H.plus(Duration.ofHours(26)))).isEqualTo(WALL_START.plusSeconds(50));
        // the first minute is due once its end is: 60 s / 2880 = 20.833 ms
        assertThat(twoSpeeds.delayBeforeMinute(BEHIND_38H, WALL_START)).isEqualTo(Duration.ofNanos(20_833_334));
        // the last minute of the warm-up at 2880x, the first one after it at 360x (166.667 ms)
        Instant warmUpEnd = BEHIND_38H.plus(Duration.ofDays(1));
        assertThat(twoSpeeds.delayUntil(warmUpEnd, WALL_START.plusSeconds(30).minusNanos(20_833_333)))
                .isEqualTo(Duration.ofNanos(20_833_333));
        assertThat(twoSpeeds.delayBeforeMinute(warmUpEnd, WALL_START.plusSeconds(30)))
                .isEqualTo(Duration.ofNanos(166_666_667));
    }

    @Test
    void theWarmUpEndsAtItsLengthFromTheSimulationStart() {
        Instant warmUpEnd = BEHIND_38H.plus(Duration.ofDays(1));
        assertThat(twoSpeeds.inWarmUp(BEHIND_38H)).isTrue();
        assertThat(twoSpeeds.inWarmUp(warmUpEnd.minusMillis(1))).isTrue();
        assertThat(twoSpeeds.inWarmUp(warmUpEnd)).isFalse();
        assertThat(pacer.inWarmUp(SIM_START)).as("one speed: no warm-up").isFalse();
    }

    @Test
    void catchingUpAfterTheWarmUpCountsTheTimeItTook() {
        // after 30 s the simulated clock is at WALL_START - 14 h, 50,430 s behind the wall clock,
        // and gains 359 s a second: caught up at 30 s + 50,430 s / 359 = 170.4735 s
        assertThat(twoSpeeds.catchUp()).contains(WALL_START.plusNanos(170_473_537_605L));
        assertThat(twoSpeeds.isRealTime(WALL_START.plus(Duration.ofMinutes(3)))).isTrue();
        assertThat(twoSpeeds.isRealTime(WALL_START.minus(Duration.ofMinutes(1)))).isFalse();
    }

    @Test
    void aSimulationCaughtUpWithinTheWarmUpContinuesInRealTime() {
        // 2 h behind at 2879 s gained per second: caught up 7,200 s / 2879 = 2.5009 s in
        Pacer shortlyBehind = new Pacer(360, Duration.ofDays(1), 2880, WALL_START.minus(Duration.ofHours(2)),
                WALL_START);
        assertThat(shortlyBehind.catchUp()).contains(WALL_START.plusNanos(2_500_868_358L));
        Instant later = WALL_START.plusSeconds(10);
        assertThat(shortlyBehind.inWarmUp(later)).isTrue();
        assertThat(shortlyBehind.releaseAt(later)).isEqualTo(later);
    }

    @Test
    void withoutAWarmUpBothConstructorsPaceAlike() {
        Pacer zeroWarmUp = new Pacer(360, Duration.ZERO, 2880, SIM_START, WALL_START);
        Instant sixHoursIn = SIM_START.plus(Duration.ofHours(6));
        assertThat(zeroWarmUp.releaseAt(sixHoursIn)).isEqualTo(pacer.releaseAt(sixHoursIn))
                .isEqualTo(WALL_START.plusSeconds(60));
        assertThat(zeroWarmUp.catchUp()).isEqualTo(pacer.catchUp());
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
        assertThatThrownBy(() -> new Pacer(360, Duration.ofDays(1), 0, SIM_START, WALL_START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-up speed");
        assertThatThrownBy(() -> new Pacer(360, Duration.ofHours(-1), 2880, SIM_START, WALL_START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-up");
    }
}
