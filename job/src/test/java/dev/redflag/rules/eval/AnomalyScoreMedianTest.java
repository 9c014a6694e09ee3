package dev.redflag.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** robust_z's medians by selection are the elements a sort would pick, bit for bit. */
class AnomalyScoreMedianTest {

    private static double sortedMedian(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    @Test
    void smallCases() {
        assertThat(AnomalyScore.selectMedian(new double[]{7})).isEqualTo(7.0);
        assertThat(AnomalyScore.selectMedian(new double[]{3, 1})).isEqualTo(2.0);
        assertThat(AnomalyScore.selectMedian(new double[]{5, 1, 4, 2, 3})).isEqualTo(3.0);
        assertThat(AnomalyScore.selectMedian(new double[]{0.4, 0.1, 0.3, 0.2})).isEqualTo((0.2 + 0.3) / 2);
        assertThat(AnomalyScore.selectMedian(new double[]{2, 2, 2, 2, 9, 2})).isEqualTo(2.0);
    }

    @Test
    void signedZerosOrderAsASortOrdersThem() {
        // Arrays.sort puts -0.0 before 0.0: the median of {0.0, -0.0, 0.0} is 0.0, of {-0.0, 0.0, -0.0} -0.0
        assertThat(Double.doubleToRawLongBits(AnomalyScore.selectMedian(new double[]{0.0, -0.0, 0.0})))
                .isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(AnomalyScore.selectMedian(new double[]{-0.0, 0.0, -0.0})))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void randomArraysWithTiesMatchTheSortedMedianExactly() {
        Random random = new Random(20261126L);
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + random.nextInt(200);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // few distinct values so that ties and runs are common, signed zeros included
                values[i] = random.nextInt(4) == 0 ? (random.nextBoolean() ? 0.0 : -0.0)
                        : random.nextInt(7) * 0.1 - 0.3;
            }
            double expected = sortedMedian(values);

            double actual = AnomalyScore.selectMedian(values.clone());

            assertThat(Double.doubleToRawLongBits(actual)).as("round %d: %s", round, Arrays.toString(values))
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }
}
