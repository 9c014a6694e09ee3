package dev.redflag.scorecard;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class HourEventsTest {

    private final Variates random = new Variates(new SplittableRandom(7));

    @Test
    void sessionsSumToTheRatioAndItsMoments() {
        HourEvents bounce = new HourEvents();
        bounce.add(1, 1, 3, HourEvents.MISSING);
        bounce.add(0, 1, 7, HourEvents.MISSING);
        assertThat(bounce.complete()).isEqualTo(new Sums(3, 10, 10, 3, 3, 10));
    }

    @Test
    void npsAnswersCarryPromotersPlusDetractorsAsTheirSquares() {
        HourEvents nps = new HourEvents();
        nps.add(1, 1, 6, HourEvents.MISSING);
        nps.add(0, 1, 3, HourEvents.MISSING);
        nps.add(-1, 1, 1, HourEvents.MISSING);
        assertThat(nps.complete()).isEqualTo(new Sums(5, 10, 10, 7, 5, 10));
    }

    @Test
    void sqlsAndMqlsAreDifferentEventsSoTheirCrossProductIsZero() {
        HourEvents funnel = new HourEvents();
        funnel.add(1, 0, 2, HourEvents.MISSING);
        funnel.add(0, 1, 5, HourEvents.MISSING);
        assertThat(funnel.complete()).isEqualTo(new Sums(2, 5, 5, 2, 0, 5));
    }

    @Test
    void aLateCancellationLeavesItsCustomerActiveInTheFirstEmission() {
        HourEvents churn = new HourEvents();
        int stayed = churn.add(0, 1, 95, HourEvents.NEVER_LATE);
        churn.add(1, 1, 5, stayed);
        assertThat(churn.lateable()).isEqualTo(5);
        assertThat(churn.withoutLate(2, random)).isEqualTo(new Sums(3, 100, 100, 3, 3, 100));
        assertThat(churn.complete()).isEqualTo(new Sums(5, 100, 100, 5, 5, 100));
    }

    @Test
    void lateSessionsAreMissingFromTheFirstEmission() {
        HourEvents sessions = new HourEvents();
        sessions.add(1, 1, 4, HourEvents.MISSING);
        sessions.add(0, 1, 0, HourEvents.MISSING);
        assertThat(sessions.withoutLate(3, random)).isEqualTo(new Sums(1, 1, 1, 1, 1, 1));
        assertThat(sessions.withoutLate(9, random)).isEqualTo(new Sums(0, 0, 0, 0, 0, 0));
    }
}
