package dev.redflag.scorecard;

import dev.redflag.rules.Condition.Direction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How firings count, on a bounce incident from day 30 00:00 for 1 day (warm-up ends on day 28). */
class OutcomeTest {

    static final long START = Grid.START.toEpochMilli();
    static final long WARM_UP_END = START + 28 * Scenario.DAY;
    static final long INCIDENT = START + 30 * Scenario.DAY;
    static final Set<Direction> UP = Set.of(Direction.UP);
    static final Set<Direction> DOWN = Set.of(Direction.DOWN);

    static Scenario incident(Effect effect, Duration length) {
        return new Scenario(Grid.MODELS.get(0), Volume.perHour(12), effect, length, START, WARM_UP_END, INCIDENT,
                START + 42 * Scenario.DAY, 1);
    }

    static Scenario quiet() {
        return new Scenario(Grid.MODELS.get(0), Volume.perHour(12), null, Duration.ZERO, START, WARM_UP_END,
                START + 84 * Scenario.DAY, START + 84 * Scenario.DAY, 1);
    }

    static Firing at(long t, Set<Direction> ways) {
        return new Firing("web/Rule", t, ways);
    }

    @Test
    void theFirstFiringInTheIncidentsDirectionDetectsIt() {
        Outcome o = new Outcome(incident(Effect.times(2), Duration.ofDays(1)), 8, List.of(
                at(INCIDENT + 2 * Scenario.HOUR, DOWN), at(INCIDENT + 6 * Scenario.HOUR, UP),
                at(INCIDENT + 9 * Scenario.HOUR, UP)));
        assertThat(o.detected()).isTrue();
        assertThat(o.timeToDetect()).isEqualTo(6 * Scenario.HOUR);
        assertThat(o.timeToDetectShare()).isEqualTo(0.25);
        assertThat(o.falseAlerts()).as("a wrong-way firing during the incident is no false alert").isZero();
    }

    @Test
    void detectionCountsUntilADayAfterTheEndAndNotAtTheStartItself() {
        Scenario s = incident(Effect.times(2), Duration.ofHours(3));
        Outcome atStart = new Outcome(s, 8, List.of(at(INCIDENT, UP)));
        assertThat(atStart.detected()).as("judged on the window before the incident").isFalse();
        assertThat(atStart.falseAlerts()).isEqualTo(1);
        Outcome lastChance = new Outcome(s, 8, List.of(at(INCIDENT + 3 * Scenario.HOUR + Scenario.DAY, UP)));
        assertThat(lastChance.detected()).isTrue();
        assertThat(lastChance.timeToDetectShare()).isEqualTo(9.0);
        Outcome late = new Outcome(s, 8, List.of(at(INCIDENT + 3 * Scenario.HOUR + Scenario.DAY + Scenario.HOUR, UP)));
        assertThat(late.detected()).isFalse();
        assertThat(late.timeToDetect()).isEqualTo(-1);
        assertThat(late.timeToDetectShare()).isNaN();
        assertThat(late.falseAlerts()).isEqualTo(1);
    }

    @Test
    void warmUpFiringsAreCountedApartFromFalseAlerts() {
        Outcome o = new Outcome(quiet(), Double.NaN, List.of(at(START + Scenario.DAY, UP), at(WARM_UP_END, DOWN),
                at(WARM_UP_END + Scenario.HOUR, UP), at(WARM_UP_END + 40 * Scenario.DAY, DOWN)));
        assertThat(o.warmUpFirings()).isEqualTo(2);
        assertThat(o.falseAlerts()).isEqualTo(2);
        assertThat(o.detected()).isFalse();
    }
}
