package dev.redflag.rules.eval;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Direction;
import org.junit.jupiter.api.Test;

import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.T0;
import static dev.redflag.rules.eval.TestRules.WEEK;
import static dev.redflag.rules.eval.TestRules.plain;
import static dev.redflag.rules.eval.TestRules.previousWindow;
import static dev.redflag.rules.eval.TestRules.ratio;
import static dev.redflag.rules.eval.TestRules.rule;
import static dev.redflag.rules.eval.TestRules.sameWeekday;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SignificanceTest {

    private static Judgement judge(Condition c, SeriesHistory h, double numerator, double denominator) {
        return RuleEvaluator.judge(rule(c).build(), h, ratio(T0, numerator, denominator));
    }

    @Test
    void zThresholdsAreTheNormalQuantilesOfTheConfidence() {
        assertThat(RuleEvaluator.zThreshold(0.95)).isCloseTo(1.6448536, within(1e-6));
        assertThat(RuleEvaluator.zThreshold(0.99)).isCloseTo(2.3263479, within(1e-6));
        assertThat(RuleEvaluator.zThreshold(0.975)).isCloseTo(1.9599640, within(1e-6));
        assertThat(RuleEvaluator.zThreshold(0.5)).isCloseTo(0, within(1e-12));
        assertThat(RuleEvaluator.zThreshold(0.01)).isCloseTo(-2.3263479, within(1e-6));
        assertThat(RuleEvaluator.zThreshold(0.001)).isCloseTo(-3.0902323, within(1e-6));
        assertThat(RuleEvaluator.zThreshold(0.9999)).isCloseTo(3.7190165, within(1e-6));
    }

    @Test
    void twoProportionZAgainstAHandComputedValue() {
        // p1 = 0.24, p0 = 0.30, pooled p = 540 / 2000 = 0.27,
        // se = sqrt(0.27 * 0.73 * (1/1000 + 1/1000)) = 0.0198545, z = -0.06 / se = -3.02198
        assertThat(TwoProportionTest.z(240, 1000, 300, 1000)).isCloseTo(-3.02198, within(1e-5));
        assertThat(TwoProportionTest.z(300, 1000, 240, 1000)).isCloseTo(3.02198, within(1e-5));
        assertThat(TwoProportionTest.z(0, 10, 0, 10)).isZero();
        assertThat(TwoProportionTest.z(5, 0, 1, 10)).isNaN();
        assertThat(TwoProportionTest.z(-1, 10, 1, 10)).isNaN();
    }

    @Test
    void aSignificantDropAgainstThePreviousWindow() {
        SeriesHistory h = new SeriesHistory(10);
        h.add(ratio(T0 - HOUR, 300, 1000));
        Condition drop = new Condition.Significance(Direction.DOWN, 0.95, previousWindow());

        Judgement j = judge(drop, h, 240, 1000);
        assertThat(j.judged()).isTrue();
        assertThat(j.active()).isTrue();
        assertThat(j.value()).isEqualTo(0.24);
        assertThat(j.baseline()).isCloseTo(0.3, within(1e-12));
        assertThat(j.change()).isCloseTo(-20, within(1e-9));
        assertThat(j.reason()).isEqualTo("drop z -3.022 <= -1.645 at 0.95 (240/1000 vs 300/1000 previous_window)");

        assertThat(judge(new Condition.Significance(Direction.UP, 0.95, previousWindow()), h, 240, 1000).active())
                .isFalse();
        assertThat(judge(new Condition.Significance(Direction.DOWN, 0.999, previousWindow()), h, 240, 1000).active())
                .isFalse();
    }

    @Test
    void theSameDifferenceOnASmallSampleIsNotSignificant() {
        SeriesHistory h = new SeriesHistory(10);
        h.add(ratio(T0 - HOUR, 3, 10));
        Judgement j = judge(new Condition.Significance(Direction.DOWN, 0.95, previousWindow()), h, 2.4, 10);
        assertThat(j.judged()).isTrue();
        assertThat(j.active()).isFalse();
    }

    @Test
    void baselineWindowsArePooled() {
        SeriesHistory h = new SeriesHistory(2000);
        h.add(ratio(T0 - WEEK, 100, 500));
        h.add(ratio(T0 - 2 * WEEK, 200, 500));
        Judgement j = judge(new Condition.Significance(Direction.DOWN, 0.95, sameWeekday(2)), h, 240, 1000);
        // pooled baseline 300 / 1000 as above
        assertThat(j.baseline()).isCloseTo(0.3, within(1e-12));
        assertThat(j.reason()).startsWith("drop z -3.022 ");
    }

    @Test
    void zeroDenominatorsOrMissingBaselinesAreNotJudged() {
        Condition drop = new Condition.Significance(Direction.DOWN, 0.95, previousWindow());
        SeriesHistory h = new SeriesHistory(10);
        h.add(ratio(T0 - HOUR, 300, 1000));
        assertThat(judge(drop, h, 0, 0).judged()).isFalse();
        assertThat(judge(drop, new SeriesHistory(10), 240, 1000).judged()).isFalse();

        SeriesHistory empty = new SeriesHistory(10);
        empty.add(ratio(T0 - HOUR, 0, 0));
        assertThat(judge(drop, empty, 240, 1000).judged()).isFalse();

        Judgement plainKpi = RuleEvaluator.judge(rule(drop).build(), h, plain(T0, 3, 100));
        assertThat(plainKpi.judged()).isFalse();
        assertThat(plainKpi.reason()).isEqualTo("significance needs a ratio KPI");
    }
}
