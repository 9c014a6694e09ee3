package dev.redflag.rules.eval;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.AnomalyMethod;
import dev.redflag.rules.Condition.Direction;
import org.junit.jupiter.api.Test;

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
}
