package dev.redflag.nab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OnsetsTest {

    @Test
    void aScoreStandsOnlyWhenItBeatsThePreviousK() {
        double[] scores = {0.1, 0.6, 0.7, 0.65, 0.2, 0.1, 0.1, 0.62, 0.1};
        // k = 3: 0.6 beats 0.1; 0.7 beats 0.6; 0.65 does not beat 0.7; 0.2, 0.1, 0.1 do not;
        // 0.62 beats 0.2, 0.1, 0.1 (0.7 is 5 values back)
        assertThat(Onsets.of(scores, 3)).containsExactly(0.1, 0.6, 0.7, 0, 0, 0, 0, 0.62, 0);
        // k = 0 keeps everything; a long k keeps only new maxima
        assertThat(Onsets.of(scores, 0)).containsExactly(scores);
        assertThat(Onsets.of(scores, 100)).containsExactly(0.1, 0.6, 0.7, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void equalScoresDoNotCountTwice() {
        assertThat(Onsets.of(new double[]{0, 0.5, 0.5, 0.5}, 2)).containsExactly(0, 0.5, 0, 0);
        assertThat(Onsets.of(new double[]{0.5, 0, 0, 0.5}, 2)).containsExactly(0.5, 0, 0, 0.5);
    }
}
