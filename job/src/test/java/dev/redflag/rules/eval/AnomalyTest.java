package dev.redflag.rules.eval;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.AnomalyMethod;
import dev.redflag.rules.Condition.Direction;
import org.junit.jupiter.api.Test;

import static dev.redflag.rules.eval.TestRules.DAY;
import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.T0;
import static dev.redflag.rules.eval.TestRules.hoursBefore;
import static dev.redflag.rules.eval.TestRules.plain;
import static dev.redflag.rules.eval.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnomalyTest {

    /** Median 10; absolute deviations eight 1s and four 0s, so MAD 1 and spread 1.4826. */
    private static final double[] PAST = {9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11};

    private static Judgement judge(Condition c, SeriesHistory h, double latest) {
        return RuleEvaluator.judge(rule(c).build(), h, plain(T0, latest, 100));
    }

    private static Condition robust(double sensitivity, Direction direction) {
        return new Condition.Anomaly(AnomalyMethod.ROBUST_Z, 12, sensitivity, direction);
    }

    @Test
    void sensitivityMapsToAFallingZThreshold() {
        assertThat(AnomalyScore.threshold(1)).isCloseTo(6, within(1e-12));
        assertThat(AnomalyScore.threshold(5)).isCloseTo(3.99, within(0.01));
        assertThat(AnomalyScore.threshold(10)).isCloseTo(2.4, within(1e-12));
        for (int s = 1; s < 10; s++) {
            assertThat(AnomalyScore.threshold(s + 1)).isLessThan(AnomalyScore.threshold(s));
        }
        assertThat(AnomalyScore.threshold(0)).isEqualTo(AnomalyScore.threshold(1));
        assertThat(AnomalyScore.threshold(Double.NaN)).isEqualTo(AnomalyScore.threshold(5));
    }

    @Test
    void robustZFlagsASpike() {
        SeriesHistory h = hoursBefore(T0, PAST);
        Judgement spike = judge(robust(5, null), h, 20);
        assertThat(spike.judged()).isTrue();
        assertThat(spike.active()).isTrue();
        assertThat(spike.value()).isEqualTo(20);
        assertThat(spike.baseline()).isEqualTo(10);
        assertThat(spike.change()).isCloseTo(100, within(1e-9));
        assertThat(spike.reason()).isEqualTo("robust_z |z| 6.745 >= 3.993 (median 10, spread 1.483, 12 windows)");
        assertThat(AnomalyScore.robustZ(PAST, 20).z()).isCloseTo(10 / 1.4826, within(1e-9));

        assertThat(judge(robust(1, null), h, 20).active()).isTrue();
        assertThat(judge(robust(5, Direction.UP), h, 20).active()).isTrue();
        assertThat(judge(robust(5, Direction.DOWN), h, 20).active()).isFalse();
        assertThat(judge(robust(5, Direction.DOWN), h, 0).active()).isTrue();
    }

    @Test
    void sensitivityDecidesOnAModerateDeviation() {
        SeriesHistory h = hoursBefore(T0, PAST);
        // z = 4 / 1.4826 = 2.698
        assertThat(judge(robust(5, null), h, 14).active()).isFalse();
        assertThat(judge(robust(10, null), h, 14).active()).isTrue();
        assertThat(judge(robust(10, null), h, 11).active()).isFalse();
    }

    @Test
    void aFlatPastUsesAFloorForTheSpread() {
        SeriesHistory h = hoursBefore(T0, 10, 10, 10, 10, 10, 10, 10, 10);
        AnomalyScore.Score score = AnomalyScore.robustZ(h.last(8), 10.5);
        assertThat(score.spread()).isCloseTo(0.1 + 1e-9, within(1e-15));
        assertThat(score.z()).isCloseTo(5, within(1e-6));
        assertThat(judge(new Condition.Anomaly(AnomalyMethod.ROBUST_Z, 8, 5, null), h, 10.5).active()).isTrue();
        assertThat(judge(new Condition.Anomaly(AnomalyMethod.ROBUST_Z, 8, 5, null), h, 10.2).active()).isFalse();
        assertThat(judge(new Condition.Anomaly(AnomalyMethod.ROBUST_Z, 8, 5, null), h, 10).active()).isFalse();
    }

    @Test
    void needsEnoughPastAndReadsOnlyThePast() {
        assertThat(AnomalyScore.required(48)).isEqualTo(24);
        assertThat(AnomalyScore.required(12)).isEqualTo(8);
        assertThat(AnomalyScore.required(5)).isEqualTo(5);

        Judgement young = judge(robust(5, null), hoursBefore(T0, 9, 10, 11, 9, 10, 11, 9), 20);
        assertThat(young.judged()).isFalse();
        assertThat(young.reason()).isEqualTo("anomaly: 7 of 8 past values");

        SeriesHistory h = hoursBefore(T0, PAST);
        h.resize(20);
        h.add(plain(T0, 20, 100));
        assertThat(judge(robust(5, null), h, 20).baseline()).isEqualTo(10);
    }

    @Test
    void ewmaWeighsTheRecentPastMost() {
        // alpha = 2 / (3 + 1) = 0.5; weights 1, 0.5, 0.25 from the newest: mean 22/7, variance 48/49
        SeriesHistory h = hoursBefore(T0, 2, 2, 4);
        Condition ewma = new Condition.Anomaly(AnomalyMethod.EWMA, 3, 5, Direction.UP);
        AnomalyScore.Score score = AnomalyScore.ewma(h.last(3), 8, 3);
        assertThat(score.center()).isCloseTo(22.0 / 7, within(1e-12));
        assertThat(score.spread()).isCloseTo(Math.sqrt(48) / 7, within(1e-12));
        assertThat(score.z()).isCloseTo(34 / Math.sqrt(48), within(1e-9));

        Judgement j = judge(ewma, h, 8);
        assertThat(j.judged()).isTrue();
        assertThat(j.active()).isTrue();
        assertThat(j.baseline()).isCloseTo(22.0 / 7, within(1e-12));
        assertThat(j.reason()).isEqualTo("ewma z +4.907 >= 3.993 (mean 3.143, spread 0.9897, 3 windows)");
        assertThat(judge(ewma, h, 5).active()).isFalse();
    }

    private static Condition.Anomaly range(int windows, double sensitivity, Direction direction) {
        return new Condition.Anomaly(AnomalyMethod.RANGE, windows, sensitivity, direction);
    }

    @Test
    void rangeMeasuresAgainstTheFarthestPastValue() {
        // newer half 9, 10, 11, 9, 10, 11: median 10; the farthest of all twelve is 1 away
        AnomalyScore.Score s = AnomalyScore.range(PAST, 12);
        assertThat(s.center()).isEqualTo(10);
        assertThat(s.spread()).isEqualTo(1);
        assertThat(s.z()).isEqualTo(2);
        SeriesHistory h = hoursBefore(T0, PAST);
        Judgement j = judge(range(12, 5, null), h, 12);
        assertThat(j.active()).isTrue();
        assertThat(j.baseline()).isEqualTo(10);
        assertThat(j.reason()).isEqualTo("range |d| 2 >= 1 (median 10, spread 1, 12 windows)");
        // as far as the farthest past value: the edge of the range still counts at sensitivity 5
        assertThat(judge(range(12, 5, null), h, 9).active()).isTrue();
        assertThat(judge(range(12, 5, null), h, 10.5).active()).isFalse();
        // sensitivity 1 asks for 1.5 × the farthest distance, 10 for 0.6 ×
        assertThat(AnomalyDetector.limit(range(12, 1, null))).isCloseTo(1.5026, within(1e-4));
        assertThat(judge(range(12, 1, null), h, 11.5).active()).isFalse();
        assertThat(judge(range(12, 10, null), h, 10.7).active()).isTrue();
        assertThat(judge(range(12, 5, Direction.DOWN), h, 12).active()).isFalse();
        assertThat(judge(range(12, 5, Direction.DOWN), h, 8).reason())
                .isEqualTo("range d -2 <= -1 (median 10, spread 1, 12 windows)");
    }

    @Test
    void aSpikeInThePastWidensTheRangeButNotTheRobustSpread() {
        double[] spiky = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 30, 10};
        // robust z of 20 is huge (MAD 0, mean deviation 20 / 12 = 1.667, spread 2.089), range d = 0.5
        assertThat(AnomalyScore.robustZ(spiky, 20).z()).isCloseTo(10 / (1.2533 * 20 / 12), within(1e-9));
        assertThat(AnomalyScore.range(spiky, 20).z()).isEqualTo(0.5);
        assertThat(AnomalyScore.range(spiky, 35).z()).isEqualTo(1.25);
    }

    @Test
    void aMostlyConstantPastFallsBackToTheMeanAbsoluteDeviation() {
        // nine 0s and three 4s: MAD 0, mean absolute deviation 12 / 12 = 1, spread 1.2533
        double[] counts = {0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4, 0};
        AnomalyScore.Score s = AnomalyScore.robustZ(counts, 5);
        assertThat(s.spread()).isCloseTo(1.2533, within(1e-12));
        assertThat(s.z()).isCloseTo(5 / 1.2533, within(1e-12));
        assertThat(AnomalyScore.range(new double[]{7, 7, 7, 7}, 7.14).z()).isCloseTo(0.14 / (1e-9 + 0.07), within(1e-6));
    }

    @Test
    void theScoreIsHalfWhereTheDefaultSensitivityFires() {
        SeriesHistory h = hoursBefore(T0, PAST);
        Condition.Anomaly r = range(12, 5, null);
        // d = 2: 2 / (1 + 2)
        assertThat(AnomalyDetector.score(r, h, plain(T0, 12, 100))).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(AnomalyDetector.score(r, h, plain(T0, 11, 100))).isEqualTo(0.5);
        assertThat(AnomalyDetector.score(r, h, plain(T0, 10, 100))).isZero();
        // robust z 6.745 in units of z*(5) = 3.993
        Condition.Anomaly z = (Condition.Anomaly) robust(5, null);
        double ratio = 10 / 1.4826 / AnomalyScore.threshold(5);
        assertThat(AnomalyDetector.score(z, h, plain(T0, 20, 100))).isCloseTo(ratio / (1 + ratio), within(1e-12));
        // the other way round scores 0 with a direction; not judged scores 0
        Condition.Anomaly up = (Condition.Anomaly) robust(5, Direction.UP);
        assertThat(AnomalyDetector.score(up, h, plain(T0, 0, 100))).isZero();
        assertThat(AnomalyDetector.score(z, hoursBefore(T0, 1, 2), plain(T0, 100, 100))).isZero();
    }

    @Test
    void aSeasonalDetectorJudgesResidualsFromTheSameTimeOfDay() {
        // four days of hourly values: v = hour of day, on day 3 one more at even hours and one less at odd
        // ones; the latest value is day 4, 05:00
        long day4 = T0 - 10 * HOUR + 4 * DAY; // T0 is 10:00, so this is 00:00 four days later
        long latest = day4 + 5 * HOUR;
        SeriesHistory h = new SeriesHistory(200);
        for (long t = day4 - 3 * DAY; t < latest; t += HOUR) {
            int hour = (int) ((t - (T0 - 10 * HOUR)) % DAY / HOUR);
            boolean third = t >= day4 - DAY && t < day4;
            h.add(plain(t, hour + (third ? (hour % 2 == 0 ? 1 : -1) : 0), 1000));
        }
        Condition.Anomaly seasonal = new Condition.Anomaly(AnomalyMethod.RANGE, 48, 5, null, Condition.Season.DAY);
        // the last 48 windows: day 2 has only one earlier day (no residual), day 3 residuals are ±1,
        // day 4 00:00..04:00 are 0; newer half of the 29 residuals has median 0, farthest 1
        Judgement j = RuleEvaluator.judge(rule(seasonal).build(), h, plain(latest, 5 + 3, 100));
        assertThat(j.active()).isTrue();
        assertThat(j.reason()).isEqualTo(
                "range |d| 3 >= 1 (median 0, spread 1, 29 windows, residuals from the same time of day)");
        assertThat(j.baseline()).isNaN();
        assertThat(RuleEvaluator.judge(rule(seasonal).build(), h, plain(latest, 5, 100)).active()).isFalse();
        // plain range: 8 is inside the range of the last 48 values (0..23)
        assertThat(judge(range(48, 5, null), h, 8).active()).isFalse();
        // no same time of day twice before: not judged
        SeriesHistory young = new SeriesHistory(50);
        for (long t = latest - 30 * HOUR; t < latest; t += HOUR) {
            young.add(plain(t, 1, 1000));
        }
        assertThat(RuleEvaluator.judge(rule(seasonal).build(), young, plain(latest, 5, 100)).reason())
                .isEqualTo("anomaly: no same time 2 of the last 3 days");
    }
}
