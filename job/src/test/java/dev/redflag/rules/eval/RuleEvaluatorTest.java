package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Direction;
import dev.redflag.rules.Rule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.MINUTE;
import static dev.redflag.rules.eval.TestRules.T0;
import static dev.redflag.rules.eval.TestRules.WEEK;
import static dev.redflag.rules.eval.TestRules.above;
import static dev.redflag.rules.eval.TestRules.below;
import static dev.redflag.rules.eval.TestRules.dropPercent;
import static dev.redflag.rules.eval.TestRules.hoursBefore;
import static dev.redflag.rules.eval.TestRules.plain;
import static dev.redflag.rules.eval.TestRules.previousWindow;
import static dev.redflag.rules.eval.TestRules.ratio;
import static dev.redflag.rules.eval.TestRules.riseBy;
import static dev.redflag.rules.eval.TestRules.risePercent;
import static dev.redflag.rules.eval.TestRules.rule;
import static dev.redflag.rules.eval.TestRules.sameHourLastWeek;
import static dev.redflag.rules.eval.TestRules.sameWeekday;
import static dev.redflag.rules.eval.TestRules.trailingMean;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RuleEvaluatorTest {

    private static final double EPS = 1e-9;

    private static Judgement judge(Condition c, SeriesHistory h, KpiValue latest) {
        return RuleEvaluator.judge(rule(c).build(), h, latest);
    }

    private static SeriesHistory history(KpiValue... values) {
        SeriesHistory h = new SeriesHistory(2000);
        for (KpiValue v : values) {
            h.add(v);
        }
        return h;
    }

    @Nested
    class Threshold {

        @Test
        void aboveAndBelowAreStrict() {
            SeriesHistory none = history();
            Judgement at = judge(above(0.5), none, ratio(T0, 50, 100));
            assertThat(at.judged()).isTrue();
            assertThat(at.active()).isFalse();
            assertThat(at.reason()).isEqualTo("value 0.5 <= 0.5");

            Judgement over = judge(above(0.5), none, ratio(T0, 51, 100));
            assertThat(over.active()).isTrue();
            assertThat(over.value()).isEqualTo(0.51);
            assertThat(over.baseline()).isNaN();
            assertThat(over.change()).isNaN();
            assertThat(over.reason()).isEqualTo("value 0.51 > 0.5");

            assertThat(judge(below(0.5), none, ratio(T0, 50, 100)).active()).isFalse();
            assertThat(judge(below(0.5), none, ratio(T0, 49, 100)).active()).isTrue();
        }

        @Test
        void noValueIsNotJudged() {
            Judgement j = judge(above(0.5), history(), plain(T0, Double.NaN, 0));
            assertThat(j.judged()).isFalse();
            assertThat(j.active()).isFalse();
        }
    }

    @Nested
    class Change {

        @Test
        void bounceRateRisesAgainstTheSameHourLastWeek() {
            SeriesHistory h = history(ratio(T0 - WEEK, 31, 100), ratio(T0 - HOUR, 40, 100));
            Judgement j = judge(risePercent(20, sameHourLastWeek()), h, ratio(T0, 43, 100));

            assertThat(j.judged()).isTrue();
            assertThat(j.active()).isTrue();
            assertThat(j.value()).isEqualTo(0.43);
            assertThat(j.baseline()).isEqualTo(0.31);
            assertThat(j.change()).isCloseTo((0.43 - 0.31) / 0.31 * 100, within(EPS)).isCloseTo(38.71, within(0.01));
            assertThat(j.reason()).isEqualTo("rise 38.7% vs same_hour_last_week 0.31 >= 20%");

            Judgement notEnough = judge(risePercent(40, sameHourLastWeek()), h, ratio(T0, 43, 100));
            assertThat(notEnough.judged()).isTrue();
            assertThat(notEnough.active()).isFalse();
            assertThat(notEnough.reason()).isEqualTo("rise 38.7% vs same_hour_last_week 0.31 < 40%");
        }

        @Test
        void aMissingSeasonalBaselineIsNotJudged() {
            SeriesHistory h = history(ratio(T0 - WEEK + HOUR, 31, 100), ratio(T0 - WEEK - HOUR, 31, 100));
            Judgement j = judge(risePercent(20, sameHourLastWeek()), h, ratio(T0, 43, 100));

            assertThat(j.judged()).isFalse();
            assertThat(j.active()).isFalse();
            assertThat(j.value()).isEqualTo(0.43);
            assertThat(j.baseline()).isNaN();
            assertThat(j.reason()).isEqualTo("no same_hour_last_week baseline");
        }

        @Test
        void dropAgainstThePreviousWindow() {
            SeriesHistory h = history(ratio(T0 - 2 * HOUR, 10, 100), ratio(T0 - HOUR, 40, 100));
            Judgement drop = judge(dropPercent(20, previousWindow()), h, ratio(T0, 30, 100));
            assertThat(drop.active()).isTrue();
            assertThat(drop.baseline()).isEqualTo(0.4);
            assertThat(drop.change()).isCloseTo(-25, within(EPS));
            assertThat(drop.reason()).isEqualTo("drop 25% vs previous_window 0.4 >= 20%");

            Judgement rise = judge(risePercent(20, previousWindow()), h, ratio(T0, 30, 100));
            assertThat(rise.judged()).isTrue();
            assertThat(rise.active()).isFalse();
            assertThat(rise.reason()).isEqualTo("rise -25% vs previous_window 0.4 < 20%");
        }

        @Test
        void thePreviousWindowIsTheOneKeptBeforeEvenAcrossAGap() {
            SeriesHistory h = history(ratio(T0 - 5 * HOUR, 20, 100));
            Judgement j = judge(risePercent(50, previousWindow()), h, ratio(T0, 30, 100));
            assertThat(j.active()).isTrue();
            assertThat(j.baseline()).isEqualTo(0.2);

            assertThat(judge(risePercent(50, previousWindow()), history(), ratio(T0, 30, 100)).judged()).isFalse();
        }

        @Test
        void aChangeOfExactlyThePercentIsEnoughDespiteRounding() {
            SeriesHistory h = hoursBefore(T0, 0.5);
            Judgement j = judge(risePercent(20, previousWindow()), h, plain(T0, 0.6, 1000));
            assertThat(j.change()).isLessThan(20);
            assertThat(j.active()).isTrue();
        }

        @Test
        void aZeroBaselineHasNoPercentChangeButAnAbsoluteOne() {
            SeriesHistory h = hoursBefore(T0, 0);
            Judgement percent = judge(risePercent(20, previousWindow()), h, plain(T0, 5, 1000));
            assertThat(percent.judged()).isFalse();
            assertThat(percent.baseline()).isZero();
            assertThat(percent.reason()).isEqualTo("previous_window baseline is 0: no percent change");

            Judgement absolute = judge(riseBy(5, previousWindow()), h, plain(T0, 5, 1000));
            assertThat(absolute.judged()).isTrue();
            assertThat(absolute.active()).isTrue();
            assertThat(absolute.change()).isNaN();
            assertThat(absolute.reason()).isEqualTo("rise 5 vs previous_window 0 >= 5");
        }

        @Test
        void absoluteChangeInTheKpisUnit() {
            SeriesHistory h = history(ratio(T0 - HOUR, 30, 100));
            assertThat(judge(riseBy(0.05, previousWindow()), h, ratio(T0, 36, 100)).active()).isTrue();
            assertThat(judge(riseBy(0.1, previousWindow()), h, ratio(T0, 36, 100)).active()).isFalse();
            Judgement drop = judge(new Condition.Change(Direction.DOWN, Double.NaN, 0.05, previousWindow()), h,
                    ratio(T0, 24, 100));
            assertThat(drop.active()).isTrue();
            assertThat(drop.change()).isCloseTo(-20, within(EPS));
        }

        @Test
        void trailingMeanNeedsHalfItsWindows() {
            Condition c = risePercent(50, trailingMean(4));
            Judgement j = judge(c, hoursBefore(T0, 1, 2, 3), plain(T0, 3, 1000));
            assertThat(j.judged()).isTrue();
            assertThat(j.active()).isTrue();
            assertThat(j.baseline()).isEqualTo(2);
            assertThat(j.change()).isCloseTo(50, within(EPS));

            Judgement five = judge(c, hoursBefore(T0, 100, 1, 2, 3, 2), plain(T0, 3, 1000));
            assertThat(five.baseline()).isEqualTo(2);
            assertThat(judge(c, hoursBefore(T0, 2, 2), plain(T0, 3, 1000)).judged()).isTrue();
            Judgement one = judge(c, hoursBefore(T0, 2), plain(T0, 3, 1000));
            assertThat(one.judged()).isFalse();
            assertThat(one.reason()).isEqualTo("no trailing_mean baseline");
        }

        @Test
        void sameWeekdayAveragesThoseWeeksThatArePresent() {
            SeriesHistory h = history(plain(T0 - WEEK, 10, 100), plain(T0 - 2 * WEEK, 14, 100),
                    plain(T0 - 2 * WEEK - HOUR, 1000, 100), plain(T0 - HOUR, 1000, 100));
            Judgement j = judge(risePercent(25, sameWeekday(3)), h, plain(T0, 15, 100));
            assertThat(j.judged()).isTrue();
            assertThat(j.active()).isTrue();
            assertThat(j.baseline()).isEqualTo(12);
            assertThat(j.change()).isCloseTo(25, within(EPS));

            SeriesHistory none = history(plain(T0 - WEEK + HOUR, 10, 100), plain(T0 - 4 * WEEK, 10, 100));
            Judgement missing = judge(risePercent(25, sameWeekday(3)), none, plain(T0, 15, 100));
            assertThat(missing.judged()).isFalse();
            assertThat(missing.reason()).isEqualTo("no same_weekday baseline");
        }

        @Test
        void onlyWindowsBeforeTheLatestCountWhetherOrNotItWasAddedFirst() {
            SeriesHistory h = history(ratio(T0 - HOUR, 40, 100), ratio(T0, 30, 100), ratio(T0 + HOUR, 99, 100));
            Judgement late = judge(dropPercent(20, previousWindow()), h, ratio(T0, 30, 100));
            assertThat(late.baseline()).isEqualTo(0.4);
            assertThat(late.active()).isTrue();
        }
    }

    @Nested
    class MinSample {

        @Test
        void ratioKpisCompareTheDenominator() {
            Rule r = rule(above(0.1)).minSample(200).build();
            Judgement small = RuleEvaluator.judge(r, history(), ratio(T0, 60, 150));
            assertThat(small.judged()).isFalse();
            assertThat(small.active()).isFalse();
            assertThat(small.value()).isEqualTo(0.4);
            assertThat(small.reason()).isEqualTo("denominator 150 < min_sample 200");

            assertThat(RuleEvaluator.judge(r, history(), ratio(T0, 80, 200)).active()).isTrue();
        }

        @Test
        void otherKpisCompareTheSample() {
            Rule r = rule(above(10)).minSample(30).build();
            Judgement small = RuleEvaluator.judge(r, history(), plain(T0, 50, 29));
            assertThat(small.judged()).isFalse();
            assertThat(small.reason()).isEqualTo("sample 29 < min_sample 30");
            assertThat(RuleEvaluator.judge(r, history(), plain(T0, 50, 30)).active()).isTrue();
        }

        @Test
        void appliesToTheWholeRule() {
            Rule r = rule(new Condition.Any(List.of(above(0.1), below(0.9)))).minSample(200)
                    .recovery(below(0.05)).build();
            assertThat(RuleEvaluator.judge(r, history(), ratio(T0, 60, 150)).judged()).isFalse();
            assertThat(RuleEvaluator.judgeRecovery(r, history(), ratio(T0, 6, 150)).judged()).isFalse();
            assertThat(RuleEvaluator.judgeRecovery(r, history(), ratio(T0, 6, 300)).active()).isTrue();
            assertThat(RuleEvaluator.judgeRecovery(rule(above(1)).build(), history(), ratio(T0, 6, 300))).isNull();
        }
    }

    @Nested
    class Trend {

        @Test
        void slopeOfOneTwoThreeFourIsOne() {
            assertThat(RuleEvaluator.slope(new double[]{1, 2, 3, 4})).isCloseTo(1, within(EPS));
            assertThat(RuleEvaluator.slope(new double[]{2, 2, 2})).isZero();
            assertThat(RuleEvaluator.slope(new double[]{1, 3, 2, 6})).isCloseTo(1.4, within(EPS));

            SeriesHistory h = hoursBefore(T0, 1, 2, 3);
            Judgement j = judge(new Condition.Trend(Direction.UP, 4, 1), h, plain(T0, 4, 100));
            assertThat(j.judged()).isTrue();
            assertThat(j.active()).isTrue();
            assertThat(j.value()).isEqualTo(4);
            assertThat(j.baseline()).isEqualTo(1);
            assertThat(j.change()).isCloseTo(300, within(EPS));
            assertThat(j.reason()).isEqualTo("slope +1 per window over 4 windows >= 1");

            assertThat(judge(new Condition.Trend(Direction.UP, 4, 1.5), h, plain(T0, 4, 100)).active()).isFalse();
            assertThat(judge(new Condition.Trend(Direction.DOWN, 4, 0.5), h, plain(T0, 4, 100)).active()).isFalse();
        }

        @Test
        void fallingUsesTheNegatedSlopeAndOnlyTheLastWindows() {
            SeriesHistory h = hoursBefore(T0, 100, 4, 3, 2);
            Judgement j = judge(new Condition.Trend(Direction.DOWN, 4, 0.5), h, plain(T0, 1, 100));
            assertThat(j.active()).isTrue();
            assertThat(j.reason()).isEqualTo("slope -1 per window over 4 windows <= -0.5");
        }

        @Test
        void needsAllItsWindows() {
            Judgement j = judge(new Condition.Trend(Direction.UP, 4, 1), hoursBefore(T0, 2, 3), plain(T0, 4, 100));
            assertThat(j.judged()).isFalse();
            assertThat(j.reason()).isEqualTo("trend: 3 of 4 windows");
        }
    }

    @Nested
    class Stall {

        @Test
        void ratioKpiNumeratorZeroWhileTheDenominatorArrives() {
            Condition stall = new Condition.Stall(10, 3);
            SeriesHistory h = history(ratio(T0 - 3 * HOUR, 5, 30), ratio(T0 - 2 * HOUR, 0, 12), ratio(T0 - HOUR, 0, 15));
            Judgement j = judge(stall, h, ratio(T0, 0, 20));
            assertThat(j.judged()).isTrue();
            assertThat(j.active()).isTrue();
            assertThat(j.value()).isZero();
            assertThat(j.reason()).isEqualTo("numerator 0 with denominator >= 10 in 3 of 3 windows (denominator total 47)");

            SeriesHistory converting = history(ratio(T0 - 2 * HOUR, 1, 12), ratio(T0 - HOUR, 0, 15));
            assertThat(judge(stall, converting, ratio(T0, 0, 20)).active()).isFalse();
            SeriesHistory thin = history(ratio(T0 - 2 * HOUR, 0, 5), ratio(T0 - HOUR, 0, 15));
            Judgement thinJ = judge(stall, thin, ratio(T0, 0, 20));
            assertThat(thinJ.judged()).isTrue();
            assertThat(thinJ.active()).isFalse();
        }

        @Test
        void otherKpisStallAtZero() {
            Condition stall = new Condition.Stall(1, 3);
            assertThat(judge(stall, hoursBefore(T0, 5, 0, 0), plain(T0, 0, 0)).active()).isTrue();
            Judgement moving = judge(stall, hoursBefore(T0, 0, 1, 0), plain(T0, 0, 0));
            assertThat(moving.active()).isFalse();
            assertThat(moving.reason()).isEqualTo("value 0 in 2 of 3 windows");
        }

        @Test
        void needsItsWindows() {
            Judgement j = judge(new Condition.Stall(1, 3), hoursBefore(T0, 0), plain(T0, 0, 0));
            assertThat(j.judged()).isFalse();
            assertThat(j.reason()).isEqualTo("stall: 2 of 3 windows");
        }
    }

    @Nested
    class Absent {

        private final Rule rule = rule(new Condition.Absent(Duration.ofHours(2), false)).build();

        @Test
        void activeOnceTheSeriesHasBeenQuietForTheDuration() {
            Judgement quiet = RuleEvaluator.absent(rule, T0, T0 + 2 * HOUR);
            assertThat(quiet.judged()).isTrue();
            assertThat(quiet.active()).isTrue();
            assertThat(quiet.value()).isNaN();
            assertThat(quiet.reason()).isEqualTo("no value for 2h >= 2h");

            Judgement notYet = RuleEvaluator.absent(rule, T0, T0 + 2 * HOUR - MINUTE);
            assertThat(notYet.judged()).isTrue();
            assertThat(notYet.active()).isFalse();
            assertThat(notYet.reason()).isEqualTo("no value for 1h59m < 2h");
        }

        @Test
        void aValueArrivingIsNotAbsence() {
            Judgement j = RuleEvaluator.judge(rule, history(), plain(T0, 3, 1));
            assertThat(j.judged()).isTrue();
            assertThat(j.active()).isFalse();
        }

        @Test
        void otherRulesAreNotJudgedByTime() {
            assertThat(RuleEvaluator.absent(rule(above(1)).build(), T0, T0 + WEEK).judged()).isFalse();
        }
    }

    @Nested
    class Combinations {

        private final SeriesHistory h = history(ratio(T0 - WEEK, 31, 100));

        @Test
        void allNeedsEveryConditionJudgedAndActive() {
            Condition all = new Condition.All(List.of(above(0.4), risePercent(20, sameHourLastWeek())));
            Judgement j = judge(all, h, ratio(T0, 43, 100));
            assertThat(j.judged()).isTrue();
            assertThat(j.active()).isTrue();
            assertThat(j.value()).isEqualTo(0.43);
            assertThat(j.baseline()).isEqualTo(0.31);
            assertThat(j.change()).isCloseTo(38.71, within(0.01));
            assertThat(j.reason()).isEqualTo("all(value 0.43 > 0.4; rise 38.7% vs same_hour_last_week 0.31 >= 20%)");

            assertThat(judge(all, h, ratio(T0, 39, 100)).active()).isFalse();
            Judgement missing = judge(all, history(), ratio(T0, 43, 100));
            assertThat(missing.judged()).isFalse();
            assertThat(missing.active()).isFalse();
        }

        @Test
        void anyNeedsOneJudgedActiveCondition() {
            Condition any = new Condition.Any(List.of(risePercent(20, previousWindow()), above(0.4)));
            Judgement j = judge(any, history(), ratio(T0, 43, 100));
            assertThat(j.judged()).isTrue();
            assertThat(j.active()).isTrue();
            assertThat(j.baseline()).isNaN();

            Judgement neither = judge(any, history(), ratio(T0, 39, 100));
            assertThat(neither.judged()).isTrue();
            assertThat(neither.active()).isFalse();

            Condition unjudgeable = new Condition.Any(List.of(risePercent(20, previousWindow()),
                    risePercent(20, sameHourLastWeek())));
            assertThat(judge(unjudgeable, history(), ratio(T0, 43, 100)).judged()).isFalse();
        }
    }
}
