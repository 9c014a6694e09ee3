package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Direction;
import dev.redflag.rules.ExcludedPeriods;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.redflag.rules.eval.TestRules.DAY;
import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shift detector on hand-made series: exact statistics where they can be worked out by hand,
 * and the behaviour each part of the model exists for.
 */
class ShiftDetectorTest {

    private static Condition.Shift rise(double percent, boolean scan, boolean signed) {
        return new Condition.Shift(Direction.UP, percent, Double.NaN, 5, scan, false, signed, null);
    }

    /** A ratio window of n units with k successes (moments of counted outcomes). */
    private static KpiValue ratio(long start, double k, double n) {
        return new KpiValue("bounce_rate", "1h", Map.of(), start, start + HOUR, k / n, k, n, (long) n, k, k, n);
    }

    private static KpiValue count(long start, double c) {
        return new KpiValue("signups", "1h", Map.of(), start, start + HOUR, c, Double.NaN, Double.NaN, (long) c,
                c, c, c);
    }

    /** {@code hours} windows of 100 units with {@code k} successes, ending just before {@code end}. */
    private static SeriesHistory flat(long end, int hours, double k) {
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(rise(20, true, false), HOUR));
        for (int i = hours; i >= 1; i--) {
            h.add(ratio(end - i * HOUR, k, 100));
        }
        return h;
    }

    private static Judgement judge(Condition.Shift s, SeriesHistory h, KpiValue v) {
        return RuleEvaluator.judge(s, 0, h, v);
    }

    @Test
    void countedOutcomesAreJudgedByPoissonTails() {
        // P(X >= 3 | mean 1) = 1 - e^-1 (1 + 1 + 1/2) = 0.0803014, whose z is 1.40305
        assertThat(ShiftDetector.evidence(true, 3, 1, 1, true)).isCloseTo(1.40305, within(1e-4));
        // the stall: P(X = 0 | mean 10.8) = e^-10.8, z 4.10291
        assertThat(ShiftDetector.evidence(false, 0, 10.8, 10.8, true)).isCloseTo(4.10291, within(1e-4));
        // a variance twice the mean halves both counts: P(X >= 1.5 | 0.5)
        assertThat(ShiftDetector.evidence(true, 3, 1, 2, true))
                .isCloseTo(ShiftDetector.zOfTail(org.apache.commons.math3.special.Gamma.regularizedGammaP(1.5, 0.5)),
                        within(1e-12));
        // signed sums (NPS) by the normal approximation: (−5 − 5) / 5 = −2, i.e. 2 for a drop
        assertThat(ShiftDetector.evidence(false, -5, 5, 25, false)).isEqualTo(2);
        assertThat(ShiftDetector.evidence(true, -5, 5, 25, false)).isEqualTo(-2);
    }

    @Test
    void aWindowIsJudgedAgainstSamplingDayToDayAndBaselineVariance() {
        // 48 windows of 40/100, then 60/100. Baseline: p = 0.4, variance per unit 0.24, φ = 1; two days
        // only, so the day-to-day variance is held at (5% of 0.4)² = 0.0004 and the threshold is
        // 3.85 + 0.5. V = 100·0.24 (sampling) + 100²·0.0004 (this day) + 100²·0.24/4800 (the hour's
        // rate) + 100²·(0.24/4800 + 0.0004/2) (the shared level) = 24 + 4 + 0.5 + 2.5 = 31
        long t = T0;
        SeriesHistory h = flat(t, 48, 40);
        Judgement j = judge(rise(20, false, true), h, ratio(t, 60, 100));
        assertThat(j.judged()).isTrue();
        assertThat(j.active()).isFalse();
        assertThat(j.value()).isEqualTo(0.6);
        assertThat(j.baseline()).isCloseTo(0.4, within(1e-12));
        assertThat(j.change()).isCloseTo(50, within(1e-9));
        assertThat(j.judgedWindow()).isEqualTo("1h");
        assertThat(j.reason()).startsWith("rise +50% over the last 1h: 0.6 vs 0.4 expected (60/100); z 3.592 < 4.35")
                .contains("2 days of baseline, flat, warming up");
    }

    @Test
    void aSettledBaselineFiresOnASignificantChangeOfTheSizeAsked() {
        // 8 days of 40/100: settled, no day-to-day variance. V = 24 + 100²·0.24/19200 + 100²·0.24/19200
        // = 24.25, z = 22 / 4.924 = 4.4675 >= 3.85
        long t = T0;
        SeriesHistory h = flat(t, 8 * 24, 40);
        Judgement j = judge(rise(20, false, true), h, ratio(t, 62, 100));
        assertThat(j.active()).isTrue();
        assertThat(j.reason()).startsWith("rise +55% over the last 1h: 0.62 vs 0.4 expected (62/100); z 4.468 >= 3.85");
        // the same evidence for a rule that asks for +60% at least: significant, but too small to matter
        Judgement small = judge(rise(60, false, true), h, ratio(t, 62, 100));
        assertThat(small.active()).isFalse();
        assertThat(small.reason()).contains("z 4.468 >= 3.85, change below the minimum");
    }

    @Test
    void aQuietSeriesIsJudgedOnTheFinestResolutionThatShowsTheChange() {
        // 12 sessions an hour, 30% bounce for 28 days; then 6 hours at 75%: no single hour is enough
        // (9/12 against 3.6 expected), six of them are
        long t = T0;
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(rise(20, true, false), HOUR));
        for (int i = 28 * 24; i >= 1; i--) {
            h.add(ratio(t - i * HOUR, i % 5 == 0 ? 3 : 4, 12)); // 3.8 of 12 on average
        }
        Condition.Shift auto = rise(20, true, false);
        Judgement first = judge(auto, h, ratio(t, 9, 12));
        assertThat(first.active()).isFalse();
        h.add(ratio(t, 9, 12));
        Judgement later = null;
        for (int i = 1; i < 6; i++) {
            later = judge(auto, h, ratio(t + i * HOUR, 9, 12));
            h.add(ratio(t + i * HOUR, 9, 12));
        }
        assertThat(later.active()).isTrue();
        assertThat(later.judgedWindow()).isIn("3h", "6h");
        assertThat(later.reason()).contains("over the last " + later.judgedWindow());
    }

    @Test
    void oneEventInAQuietHourIsNoAlarm() {
        // 300 customers, one cancellation every other day: 0.0007 expected in an hour; one comes
        long t = T0;
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(rise(50, true, false), HOUR));
        for (int i = 28 * 24; i >= 1; i--) {
            h.add(ratio(t - i * HOUR, i % 48 == 0 ? 1 : 0, 300));
        }
        Judgement j = judge(rise(50, true, false), h, ratio(t, 1, 300));
        assertThat(j.judged()).isTrue();
        assertThat(j.active()).isFalse();
    }

    @Test
    void theBaselineLearnsTheHourOfDay() {
        // 14 days: 60/100 from 08:00 to 19:59 UTC, 20/100 at night
        long end = T0 - 10 * HOUR + 24 * HOUR; // Tuesday 00:00
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(rise(20, true, true), HOUR));
        for (int i = 14 * 24; i >= 1; i--) {
            long start = end - i * HOUR;
            int hour = (int) ((start / HOUR) % 24);
            h.add(ratio(start, hour >= 8 && hour < 20 ? 60 : 20, 100));
        }
        Judgement day = judge(rise(20, false, true), h, ratio(end + 10 * HOUR, 60, 100));
        assertThat(day.baseline()).isCloseTo(0.6, within(0.01));
        assertThat(day.active()).isFalse();
        Judgement night = judge(rise(20, false, true), h, ratio(end + 2 * HOUR, 60, 100));
        assertThat(night.baseline()).isCloseTo(0.2, within(0.01));
        assertThat(night.active()).isTrue();
    }

    @Test
    void anUnusualDayIsLeftOutOfTheBaselineAndTheCalendarLeavesOutWhatItNames() {
        long t = T0;
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(rise(20, true, true), HOUR));
        long oddDay = Math.floorDiv(t - 10 * DAY, DAY) * DAY;
        for (int i = 28 * 24; i >= 1; i--) {
            long start = t - i * HOUR;
            h.add(ratio(start, start >= oddDay && start < oddDay + DAY ? 80 : 40, 100));
        }
        Judgement trimmed = judge(rise(20, false, true), h, ratio(t, 40, 100));
        assertThat(trimmed.baseline()).isCloseTo(0.4, within(1e-12));
        assertThat(trimmed.reason()).contains("1 unusual days left out");

        ExcludedPeriods holiday = new ExcludedPeriods(List.of(new long[] {oddDay, oddDay + DAY}), List.of("campaign"));
        Condition.Shift withCalendar = rise(20, false, true).withExcluded(holiday);
        Judgement excluded = judge(withCalendar, h, ratio(t, 40, 100));
        assertThat(excluded.baseline()).isCloseTo(0.4, within(1e-12));
        assertThat(excluded.reason()).doesNotContain("unusual");
    }

    @Test
    void anEpisodeThatIsOverDoesNotKeepALongStretchActive() {
        // 28 days at 40/100, a day at 80/100, then two days at 40/100: the last 3 days are +33% with
        // z far above the threshold, but their newest day shows nothing
        long t = T0;
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(rise(20, true, true), HOUR));
        for (int i = 31 * 24; i >= 1; i--) {
            h.add(ratio(t - i * HOUR, i > 48 && i <= 72 ? 80 : 40, 100));
        }
        Judgement j = judge(rise(20, true, true), h, ratio(t, 40, 100));
        assertThat(j.active()).isFalse();
    }

    @Test
    void aStallIsTheImprobabilityOfNoNumerator() {
        // 2 MQLs an hour, an SQL every other hour for 28 days; then MQLs keep coming and no SQL does
        long t = T0;
        Condition.Shift stall = new Condition.Shift(Direction.DOWN, 100, Double.NaN, 5, true, true, false, null);
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(stall, HOUR));
        for (int i = 28 * 24; i >= 1; i--) {
            double sql = i % 2;
            h.add(new KpiValue("mql_to_sql_rate", "1h", Map.of(), t - i * HOUR, t - i * HOUR + HOUR, sql / 2, sql, 2,
                    2, sql, 0, 2));
        }
        Judgement first = null;
        Judgement last = null;
        for (int i = 0; i < 24; i++) {
            KpiValue v = new KpiValue("mql_to_sql_rate", "1h", Map.of(), t + i * HOUR, t + i * HOUR + HOUR, 0, 0, 2, 2,
                    0, 0, 2);
            last = judge(stall, h, v);
            h.add(v);
            if (i == 0) {
                first = last;
            }
        }
        assertThat(first.active()).isFalse();
        assertThat(last.active()).as(last.reason()).isTrue();
        assertThat(last.reason()).startsWith("numerator 0 of denominator ").contains("were expected (rate ");
        // an SQL comes: the stall is over, judged so (a firing stall alert resolves on it)
        KpiValue back = new KpiValue("mql_to_sql_rate", "1h", Map.of(), t + 24 * HOUR, t + 25 * HOUR, 0.5, 1, 2, 2, 1,
                0, 2);
        Judgement over = judge(stall, h, back);
        assertThat(over.judged()).isTrue();
        assertThat(over.active()).isFalse();
        assertThat(over.reason()).isEqualTo("numerator 1 in the latest window: no stall");
    }

    @Test
    void aCountWithoutEventsInAWindowCountsZeroThere() {
        // a count reports nothing in a window without events: 10 every fifth hour is 2 an hour, so six
        // windows of 2 are no drop (read as missing, the baseline would be 10 and this a −80% drop)
        long t = T0;
        Condition.Shift drop = new Condition.Shift(Direction.DOWN, 30, Double.NaN, 5, true, false, false, null);
        SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(drop, HOUR));
        for (int i = 28 * 24; i >= 6; i--) {
            if (i % 5 == 0) {
                h.add(count(t - i * HOUR, 10));
            }
        }
        for (int i = 5; i >= 1; i--) {
            h.add(count(t - i * HOUR, 2));
        }
        Judgement j = judge(drop, h, count(t, 2));
        assertThat(j.judged()).isTrue();
        assertThat(j.active()).isFalse();
        assertThat(j.baseline()).isCloseTo(2, within(0.5));
    }

    @Test
    void withLessThanADayOfHistoryTheSeriesIsWarmingUp() {
        Judgement young = judge(rise(20, true, false), flat(T0, 23, 40), ratio(T0, 90, 100));
        assertThat(young.judged()).isFalse();
        assertThat(young.reason()).isEqualTo("warming up: 23h of history before the last 1h, where a baseline needs 1d");
        assertThat(judge(rise(20, true, false), flat(T0, 24, 40), ratio(T0, 90, 100)).active()).isTrue();
    }

    @Test
    void aShiftKeepsFourWeeksOfBaselineAndAWeekToPool() {
        assertThat(Lookback.of(rise(20, true, false), HOUR)).isEqualTo(35 * 24);
        assertThat(Lookback.of(rise(20, false, false), HOUR)).isEqualTo(28 * 24);
    }
}
