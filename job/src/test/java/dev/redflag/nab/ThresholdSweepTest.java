package dev.redflag.nab;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThresholdSweepTest {

    @Test
    void picksTheThresholdWithTheBestCorpusScore() {
        // 10 rows, window 3..6. Scores: row 2 = 0.9 (FP before the window, -0.11), row 3 = 0.6
        // (window start, +1), row 5 = 0.8 (mid window, +0.8598).
        FileLayout ten = new FileLayout(NabScorerTest.file(10, new Window(3, 6)));
        double[] s = new double[10];
        s[2] = 0.9;
        s[3] = 0.6;
        s[5] = 0.8;
        // 1.1: -1; 0.9: -1.11; 0.8: -0.11 + 0.8598 = 0.7498; 0.6: -0.11 + 1 = 0.89; 0: also 0.89 (more FPs: -0.11 × 5)
        ThresholdSweep.Best best = ThresholdSweep.optimise(List.of(ten), List.of(s), Profile.STANDARD);
        assertThat(best.threshold()).isEqualTo(0.6);
        assertThat(best.rawScore()).isCloseTo(0.89, within(1e-12));
        // the FP costs twice as much under low FP, but still less than the earlier detection gains
        assertThat(ThresholdSweep.optimise(List.of(ten), List.of(s), Profile.REWARD_LOW_FP).rawScore())
                .isCloseTo(0.78, within(1e-12));
    }

    @Test
    void detectingNothingWinsWhenEveryDetectionCostsMore() {
        // 30 rows (P = 4), window 25..26 scored 0.5, rows 4..24 before it scored 1: at 1 the 21 FPs
        // cost 2.31 on top of the missed window, at 0.5 the window's +1 does not make up for them
        FileLayout file = new FileLayout(NabScorerTest.file(30, new Window(25, 26)));
        double[] s = new double[30];
        java.util.Arrays.fill(s, 0, 25, 1);
        s[25] = 0.5;
        s[26] = 0.5;
        ThresholdSweep.Best best = ThresholdSweep.optimise(List.of(file), List.of(s), Profile.STANDARD);
        assertThat(best.threshold()).isEqualTo(ThresholdSweep.NOTHING);
        assertThat(best.rawScore()).isEqualTo(-1);
        assertThat(NabScorer.score(file, s, 0.5, Profile.STANDARD).score()).isCloseTo(-2.31 + 1, within(1e-12));
    }

    @Test
    void agreesWithScoringEveryCandidateThreshold() {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            List<FileLayout> layouts = new ArrayList<>();
            List<double[]> scores = new ArrayList<>();
            TreeSet<Double> candidates = new TreeSet<>(List.of(ThresholdSweep.NOTHING));
            for (int f = 0; f < 3; f++) {
                int rows = 40 + random.nextInt(60);
                int first = 10 + random.nextInt(10);
                Window a = new Window(first, first + 2 + random.nextInt(8));
                int second = a.last() + 3 + random.nextInt(10);
                Window b = new Window(second, Math.min(rows - 1, second + 1 + random.nextInt(8)));
                FileLayout layout = new FileLayout(NabScorerTest.file(rows, a, b));
                double[] s = new double[rows];
                for (int i = 0; i < rows; i++) {
                    s[i] = random.nextInt(12) / 11.0; // many ties
                    if (i >= layout.probation()) {
                        candidates.add(s[i]);
                    }
                }
                layouts.add(layout);
                scores.add(s);
            }
            for (Profile p : Profile.published()) {
                double bestScore = Double.NEGATIVE_INFINITY;
                double bestThreshold = Double.NaN;
                for (double t : candidates.descendingSet()) {
                    double total = 0;
                    for (int f = 0; f < layouts.size(); f++) {
                        total += NabScorer.score(layouts.get(f), scores.get(f), t, p).score();
                    }
                    if (total > bestScore + 1e-9) {
                        bestScore = total;
                        bestThreshold = t;
                    }
                }
                ThresholdSweep.Best best = ThresholdSweep.optimise(layouts, scores, p);
                assertThat(best.rawScore()).as("round %d %s", round, p.name()).isCloseTo(bestScore, within(1e-9));
                assertThat(best.threshold()).as("round %d %s", round, p.name()).isEqualTo(bestThreshold);
            }
        }
    }
}
