package dev.redflag.nab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * NAB's scoring on a 10-row file with one window on rows 3..6 (w = 4). The probationary period is
 * floor(0.15 × 10) = 1 row, so 9 rows count: 4 in the window, 5 outside.
 */
class NabScorerTest {

    private static final double EXACT = 1e-12;

    static NabSeries file(int rows, Window... windows) {
        long[] ts = new long[rows];
        for (int i = 0; i < rows; i++) {
            ts[i] = i * 3_600_000L;
        }
        return new NabSeries("test/ten.csv", ts, new double[rows], List.of(windows));
    }

    private static final FileLayout TEN = new FileLayout(file(10, new Window(3, 6)));

    /** Scores 1 on the given rows, 0 elsewhere. */
    private static double[] detections(int... rows) {
        double[] s = new double[10];
        for (int r : rows) {
            s[r] = 1;
        }
        return s;
    }

    private static FileScore score(Profile p, int... rows) {
        return NabScorer.score(TEN, detections(rows), 0.5, p);
    }

    @Test
    void theSigmoidHasNabsValues() {
        assertThat(ScaledSigmoid.of(-1)).isCloseTo(0.986614, within(1e-6));
        assertThat(ScaledSigmoid.of(0)).isEqualTo(0);
        assertThat(ScaledSigmoid.of(1)).isCloseTo(-0.986614, within(1e-6));
        assertThat(ScaledSigmoid.of(3.0001)).isEqualTo(-1);
        assertThat(FileLayout.probation(10)).isEqualTo(1);
        assertThat(FileLayout.probation(4032)).isEqualTo(604);
        assertThat(FileLayout.probation(22695)).isEqualTo(750);
    }

    @Test
    void aDetectionOnTheFirstRowOfTheWindowEarnsTheWholeTpWeight() {
        FileScore s = score(Profile.STANDARD, 3);
        assertThat(s.score()).isCloseTo(1.0, within(EXACT));
        assertThat(s).extracting(FileScore::tp, FileScore::fn, FileScore::fp, FileScore::tn)
                .containsExactly(1, 3, 0, 5);
        assertThat(s.total()).isEqualTo(9);
    }

    @Test
    void laterDetectionsInAWindowAddNothing() {
        // the earliest, row 5: pos = -(6 - 5 + 1) / 4 = -0.5, σ(-0.5) / σ(-1) = 0.848283 / 0.986614
        assertThat(score(Profile.STANDARD, 5).score()).isCloseTo(0.8597925669097837, within(EXACT));
        assertThat(score(Profile.STANDARD, 5, 6).score()).isCloseTo(0.8597925669097837, within(EXACT));
        assertThat(score(Profile.STANDARD, 3, 4, 5, 6).score()).isCloseTo(1.0, within(EXACT));
        assertThat(score(Profile.STANDARD, 3, 4, 5, 6).tp()).isEqualTo(4);
    }

    @Test
    void aMissedWindowCostsTheFnWeight() {
        assertThat(score(Profile.STANDARD).score()).isEqualTo(-1.0);
        assertThat(score(Profile.REWARD_LOW_FN).score()).isEqualTo(-2.0);
        assertThat(score(Profile.STANDARD).fn()).isEqualTo(4);
    }

    @Test
    void aFalsePositiveBeforeTheFirstWindowCostsTheWholeFpWeight() {
        assertThat(score(Profile.STANDARD, 2).score()).isCloseTo(-0.11 - 1, within(EXACT));
        assertThat(score(Profile.REWARD_LOW_FP, 2, 3).score()).isCloseTo(-0.22 + 1, within(EXACT));
        assertThat(score(Profile.STANDARD, 2).fp()).isEqualTo(1);
    }

    @Test
    void aFalsePositiveJustAfterAWindowCostsLess() {
        // row 7: x = (7 - 6) / (4 - 1) = 1/3, σ(1/3) = -0.682262, times 0.11
        FileScore near = score(Profile.STANDARD, 3, 7);
        assertThat(near.score()).isCloseTo(1 - 0.07504879692619866, within(EXACT));
        // row 9: x = 1, σ(1) = -0.986614
        FileScore far = score(Profile.STANDARD, 3, 9);
        assertThat(far.score()).isCloseTo(1 - 0.10852757279665734, within(EXACT));
        assertThat(1 - near.score()).isLessThan(1 - far.score()).isLessThan(0.11);
        // row 8 under low FP: x = 2/3, 0.22 × σ(2/3)
        assertThat(score(Profile.REWARD_LOW_FP, 3, 8).score()).isCloseTo(1 - 0.20484411390686708, within(EXACT));
    }

    @Test
    void probationaryRowsNeverCount() {
        FileScore s = score(Profile.STANDARD, 0);
        assertThat(s.score()).isEqualTo(-1.0);
        assertThat(s.fp()).isZero();
        assertThat(s.total()).isEqualTo(9);
    }

    @Test
    void theThresholdIsInclusive() {
        double[] s = new double[10];
        s[3] = 0.5;
        assertThat(NabScorer.score(TEN, s, 0.5, Profile.STANDARD).score()).isCloseTo(1, within(EXACT));
        assertThat(NabScorer.score(TEN, s, 0.5000001, Profile.STANDARD).score()).isEqualTo(-1);
        s[3] = Double.NaN;
        assertThat(NabScorer.score(TEN, s, 0.1, Profile.STANDARD).tp()).isZero();
    }

    @Test
    void falsePositivesAreWeighedAgainstTheMostRecentWindowOnly() {
        // windows 1..2 (w 2) and 5..6 (w 2) in 10 rows; row 8 follows the second: x = (8 - 6) / 1 = 2
        FileLayout two = new FileLayout(file(10, new Window(1, 2), new Window(5, 6)));
        double[] s = new double[10];
        s[8] = 1;
        assertThat(NabScorer.score(two, s, 1, Profile.STANDARD).score())
                .isCloseTo(-2 + 0.11 * ScaledSigmoid.of(2), within(EXACT));
        // row 4 follows the first: x = (4 - 2) / 1 = 2, the same weight
        s[8] = 0;
        s[4] = 1;
        assertThat(NabScorer.score(two, s, 1, Profile.STANDARD).score())
                .isCloseTo(-2 + 0.11 * ScaledSigmoid.of(2), within(EXACT));
        assertThat(two.windowsScored()).isEqualTo(2);
    }

    @Test
    void normalisationPutsNullAtZeroAndPerfectAtHundred() {
        assertThat(NabNormalisation.normalised(-116, 116, Profile.STANDARD)).isEqualTo(0);
        assertThat(NabNormalisation.normalised(116, 116, Profile.STANDARD)).isEqualTo(100);
        assertThat(NabNormalisation.normalised(-232, 116, Profile.REWARD_LOW_FN)).isEqualTo(0);
        // NAB's README: numenta's standard raw 46.63445 is 70.101
        assertThat(NabNormalisation.normalised(46.6344501971, 116, Profile.STANDARD)).isCloseTo(70.101, within(1e-3));
    }
}
