package dev.redflag.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class FutureSkewGuardTest {

    /** A wall clock the test moves, counting its readings. */
    private static final class ManualClock implements LongSupplier {
        long now;
        int readings;

        @Override
        public long getAsLong() {
            readings++;
            return now;
        }
    }

    @Test
    void readsTheClockOnlyForATimestampPastTheBoundOfItsLastReading() {
        ManualClock clock = new ManualClock();
        clock.now = 1_000;
        FutureSkewGuard guard = new FutureSkewGuard(100, clock);

        assertThat(guard.tooFarAhead(1_100)).isFalse(); // the first reading: bound 1,100
        assertThat(guard.tooFarAhead(1_050)).isFalse();
        assertThat(guard.tooFarAhead(900)).isFalse();
        assertThat(guard.tooFarAhead(1_100)).isFalse();
        assertThat(clock.readings).isEqualTo(1);

        assertThat(guard.tooFarAhead(1_101)).isTrue(); // past the bound, and the clock has not moved
        assertThat(clock.readings).isEqualTo(2);

        clock.now = 1_050;
        assertThat(guard.tooFarAhead(1_101)).isFalse(); // the clock moved: bound 1,150
        assertThat(guard.tooFarAhead(1_150)).isFalse();
        assertThat(clock.readings).isEqualTo(3);
        assertThat(guard.tooFarAhead(1_151)).isTrue();
        assertThat(clock.readings).isEqualTo(4);
    }

    @Test
    void answersAsAReadingPerTimestampWouldOnAClockThatDoesNotGoBack() {
        Random random = new Random(7);
        ManualClock clock = new ManualClock();
        clock.now = 1_700_000_000_000L;
        long skew = 60_000;
        FutureSkewGuard guard = new FutureSkewGuard(skew, clock);
        int tooFar = 0;
        for (int i = 0; i < 100_000; i++) {
            clock.now += random.nextInt(3) == 0 ? random.nextInt(50) : 0;
            long ts = clock.now + skew - 200 + random.nextInt(400);
            boolean expected = ts > clock.now + skew;
            assertThat(guard.tooFarAhead(ts)).as("ts %d at %d", ts, clock.now).isEqualTo(expected);
            tooFar += expected ? 1 : 0;
        }
        assertThat(tooFar).isBetween(40_000, 60_000); // both answers were asked for often
        assertThat(clock.readings).isLessThan(100_000);
    }
}
