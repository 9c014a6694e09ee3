package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Direction;
import dev.redflag.rules.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.T0;
import static dev.redflag.rules.eval.TestRules.above;
import static dev.redflag.rules.eval.TestRules.hoursBefore;
import static dev.redflag.rules.eval.TestRules.plain;
import static dev.redflag.rules.eval.TestRules.rule;
import static dev.redflag.rules.eval.TestRules.trailingMean;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The chart data of a rule's series: the windows, baselines and band the rule itself reads. */
class RuleChartTest {

    private static final double NaN = Double.NaN;

    private static ChartData.Point point(long start, double value, double baseline, double lower, double upper) {
        return new ChartData.Point(start, value, baseline, lower, upper);
    }

    @Test
    void aChangeRuleChartsEachWindowsOwnBaselineAndTheRiseThatFires() {
        // trailing mean of 3 needs 2 windows: none for the first two, then mean(1, 2) = 1.5, mean(1, 2, 3) = 2
        // and mean(2, 3, 4) = 3 for the latest; +50% fires above 2.25, 3 and 4.5
        Rule r = rule(TestRules.risePercent(50, trailingMean(3))).build();
        SeriesHistory h = hoursBefore(T0, 1, 2, 3, 4);
        ChartData chart = RuleChart.of(r, h, plain(T0, 10, 1000), "count", null);
        assertThat(chart).isEqualTo(new ChartData("count", HOUR, T0, T0 + HOUR, List.of(
                point(T0 - 4 * HOUR, 1, NaN, NaN, NaN),
                point(T0 - 3 * HOUR, 2, NaN, NaN, NaN),
                point(T0 - 2 * HOUR, 3, 1.5, NaN, 2.25),
                point(T0 - HOUR, 4, 2, NaN, 3),
                point(T0, 10, 3, NaN, 4.5))));
    }

    @Test
    void aThresholdIsTheBandsOnlySideAndTheChartKeepsTheLastWindowsOnly() {
        double[] values = new double[60];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        SeriesHistory h = hoursBefore(T0, values);
        ChartData chart = RuleChart.of(rule(above(70)).build(), h, plain(T0, 75, 1000), "count", "3h");
        assertThat(chart.points()).hasSize(RuleChart.WINDOWS);
        assertThat(chart.points().get(0)).isEqualTo(point(T0 - 47 * HOUR, 13, NaN, NaN, 70));
        assertThat(chart.points().get(47)).isEqualTo(point(T0, 75, NaN, NaN, 70));
        // the stretch the judgement pooled is the one shaded
        assertThat(chart.firingStart()).isEqualTo(T0 - 2 * HOUR);
        assertThat(chart.firingEnd()).isEqualTo(T0 + HOUR);
    }

    @Test
    void aShiftChartsItsSeasonalBaselineAndTheBandOneWindowFiresOutside() {
        // 95 hours of 40/100, then 60/100. The chart's 48 windows are judged against the baseline of
        // the 48 windows before them: p = 0.4, and as in ShiftDetectorTest a window of 100 units has
        // V = 24 + 4 + 0.5 + 2.5 = 31 with a threshold of 3.85 + 0.5 (two days: warming up), so the
        // rule fires above 0.4 + 4.35·√31 / 100 = 0.642198, more than the minimum +20% (0.48)
        Condition.Shift shift = new Condition.Shift(Direction.UP, 20, NaN, 5, false, false, false, null);
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(shift, HOUR));
        for (int i = 95; i >= 1; i--) {
            h.add(ratio(T0 - i * HOUR, 40));
        }
        ChartData chart = RuleChart.of(rule(shift).build(), h, ratio(T0, 60), "ratio", "1h");
        assertThat(chart.percent()).isTrue();
        assertThat(chart.points()).hasSize(48);
        double upper = 0.4 + 4.35 * Math.sqrt(31) / 100;
        for (int i = 0; i < 47; i++) {
            ChartData.Point p = chart.points().get(i);
            assertThat(p.start()).isEqualTo(T0 - (47 - i) * HOUR);
            assertThat(p.value()).isEqualTo(0.4);
            assertThat(p.baseline()).isEqualTo(0.4);
            assertThat(p.lower()).isNaN();
            assertThat(p.upper()).isCloseTo(upper, within(1e-6));
        }
        ChartData.Point latest = chart.points().get(47);
        assertThat(latest.value()).isEqualTo(0.6);
        assertThat(latest.upper()).isCloseTo(upper, within(1e-6));
        assertThat(chart.firingStart()).isEqualTo(T0);
    }

    @Test
    void aYoungShiftSeriesHasValuesWithoutBaseline() {
        Condition.Shift shift = new Condition.Shift(Direction.DOWN, 20, NaN, 5, false, false, false, null);
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(shift, HOUR));
        h.add(ratio(T0 - HOUR, 40));
        ChartData chart = RuleChart.of(rule(shift).build(), h, ratio(T0, 20), "ratio", null);
        assertThat(chart.points()).containsExactly(point(T0 - HOUR, 0.4, NaN, NaN, NaN),
                point(T0, 0.2, NaN, NaN, NaN));
    }

    @Test
    void numbersAreKeptToSixSignificantDigits() {
        assertThat(point(0, 2.0 / 3, 1234567.8, -0.000123456789, NaN))
                .isEqualTo(point(0, 0.666667, 1234570, -0.000123457, NaN));
    }

    /** A bounce window of 100 sessions with {@code k} bounces, moments of counted outcomes. */
    private static KpiValue ratio(long start, double k) {
        return new KpiValue("bounce_rate", "1h", Map.of(), start, start + HOUR, k / 100, k, 100, 100, k, k, 100);
    }
}
