package dev.redflag.rules.eval;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Direction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.redflag.rules.eval.TestRules.DAY;
import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.MINUTE;
import static dev.redflag.rules.eval.TestRules.above;
import static dev.redflag.rules.eval.TestRules.previousWindow;
import static dev.redflag.rules.eval.TestRules.risePercent;
import static dev.redflag.rules.eval.TestRules.rule;
import static dev.redflag.rules.eval.TestRules.sameHourLastWeek;
import static dev.redflag.rules.eval.TestRules.sameWeekday;
import static dev.redflag.rules.eval.TestRules.trailingMean;
import static org.assertj.core.api.Assertions.assertThat;

class LookbackTest {

    @Test
    void windowsBeforeTheLatestThatEachConditionReads() {
        assertThat(Lookback.of(above(1), HOUR)).isZero();
        assertThat(Lookback.of(new Condition.Absent(Duration.ofHours(2), false), HOUR)).isZero();
        assertThat(Lookback.of(risePercent(20, previousWindow()), HOUR)).isEqualTo(1);
        assertThat(Lookback.of(risePercent(20, trailingMean(7)), HOUR)).isEqualTo(7);
        assertThat(Lookback.of(risePercent(20, sameHourLastWeek()), HOUR)).isEqualTo(168);
        assertThat(Lookback.of(risePercent(20, sameHourLastWeek()), DAY)).isEqualTo(7);
        assertThat(Lookback.of(risePercent(20, sameHourLastWeek()), 30 * MINUTE)).isEqualTo(336);
        assertThat(Lookback.of(risePercent(20, sameWeekday(4)), HOUR)).isEqualTo(672);
        assertThat(Lookback.of(new Condition.Significance(Direction.DOWN, 0.95, sameWeekday(2)), DAY)).isEqualTo(14);
        assertThat(Lookback.of(new Condition.Trend(Direction.UP, 6, 0.1), HOUR)).isEqualTo(6);
        assertThat(Lookback.of(new Condition.Stall(1, 3), HOUR)).isEqualTo(3);
        assertThat(Lookback.of(new Condition.Anomaly(Condition.AnomalyMethod.ROBUST_Z, 48, 5, null), HOUR))
                .isEqualTo(48);
        // a seasonal detector also reads 3 days before its oldest window: 48 + 72
        assertThat(Lookback.of(new Condition.Anomaly(Condition.AnomalyMethod.RANGE, 48, 5, null,
                Condition.Season.DAY), HOUR)).isEqualTo(120);
    }

    @Test
    void aWeekThatIsNotAWholeNumberOfWindowsRoundsUp() {
        assertThat(Lookback.of(risePercent(20, sameHourLastWeek()), 5 * HOUR)).isEqualTo(34);
        assertThat(Lookback.of(risePercent(20, sameHourLastWeek()), 30 * DAY)).isEqualTo(1);
    }

    @Test
    void combinationsAndRecoveryTakeTheLargest() {
        Condition any = new Condition.Any(List.of(above(1), risePercent(10, trailingMean(24))));
        assertThat(Lookback.of(new Condition.All(List.of(any, risePercent(5, previousWindow()))), HOUR))
                .isEqualTo(24);
        assertThat(Lookback.of(rule(above(1)).recovery(risePercent(5, trailingMean(12))).build(), HOUR))
                .isEqualTo(12);
        assertThat(Lookback.of(rule(risePercent(5, trailingMean(12))).build(), HOUR)).isEqualTo(12);
    }
}
