package dev.redflag.ruletest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The series notation of rule tests, expanded exactly. */
class SeriesNotationTest {

    private static final double NO = Double.NaN;

    @Test
    void valuesRepeatsAndGaps() {
        assertThat(SeriesNotation.expand("0.3x3 _ 1")).containsExactly(0.3, 0.3, 0.3, NO, 1.0);
        assertThat(SeriesNotation.expand("0.3x6 0.6 0.62 0.61 _ 0.3")).hasSize(11)
                .containsExactly(0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.6, 0.62, 0.61, NO, 0.3);
        assertThat(SeriesNotation.expand("_x2 7")).containsExactly(NO, NO, 7.0);
        assertThat(SeriesNotation.expand("  1\t2\n3  ")).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void aCountIsTheNumberOfValuesUnlikePromtool() {
        assertThat(SeriesNotation.expand("1x3")).containsExactly(1.0, 1.0, 1.0);
        assertThat(SeriesNotation.expand("5x1")).containsExactly(5.0);
    }

    @Test
    void stepsUpAndDownAreExactDecimals() {
        assertThat(SeriesNotation.expand("1+0.5x3")).containsExactly(1.0, 1.5, 2.0);
        assertThat(SeriesNotation.expand("5-1x3")).containsExactly(5.0, 4.0, 3.0);
        assertThat(SeriesNotation.expand("0.1+0.05x3")).containsExactly(0.1, 0.15, 0.2);
        assertThat(SeriesNotation.expand("0.1+0.1x3")).containsExactly(0.1, 0.2, 0.3);
    }

    @Test
    void negativeNumbersAndExponents() {
        assertThat(SeriesNotation.expand("-20x2 -5-2x3")).containsExactly(-20.0, -20.0, -5.0, -7.0, -9.0);
        assertThat(SeriesNotation.expand("1e3 .5 2.")).containsExactly(1000.0, 0.5, 2.0);
    }

    @Test
    void groupsRepeatAndNest() {
        assertThat(SeriesNotation.expand("(1 2)x2 3")).containsExactly(1.0, 2.0, 1.0, 2.0, 3.0);
        assertThat(SeriesNotation.expand("((1)x2 _)x2")).containsExactly(1.0, 1.0, NO, 1.0, 1.0, NO);
        assertThat(SeriesNotation.expand("(4 5)")).containsExactly(4.0, 5.0);
        List<Double> twoWeeks = SeriesNotation.expand("(10x8 20x12 15x4)x14");
        assertThat(twoWeeks).hasSize(336);
        assertThat(twoWeeks.subList(24, 33)).containsExactly(10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 20.0);
    }

    @Test
    void mistakesNameTheItemAndTheFix() {
        assertThatThrownBy(() -> SeriesNotation.expand("0.3 0.3y6"))
                .hasMessage("'0.3y6' at column 5 is not a value; write v, vxN, a+bxN, _ or _xN (e.g. 0.3x6 0.6 _ 0.3)");
        assertThatThrownBy(() -> SeriesNotation.expand("1+2"))
                .hasMessage("'1+2' at column 1 has a step but no count; write e.g. 1+2x5 for 5 values");
        assertThatThrownBy(() -> SeriesNotation.expand("1x0")).hasMessage("'1x0': a count must be at least 1");
        assertThatThrownBy(() -> SeriesNotation.expand("(1 2")).hasMessage("'(' at column 1 is never closed; add ')'");
        assertThatThrownBy(() -> SeriesNotation.expand("1 2)")).hasMessage("')' at column 4 closes nothing");
        assertThatThrownBy(() -> SeriesNotation.expand("()x2")).hasMessage("empty group '()' at column 1");
        assertThatThrownBy(() -> SeriesNotation.expand("(1)y2"))
                .hasMessage("')y2' at column 3: after a group write xN to repeat it N times, e.g. (1 2)x3");
        assertThatThrownBy(() -> SeriesNotation.expand(" ")).hasMessage("no values; write e.g. \"0.3x6 0.6 _ 0.3\"");
        assertThatThrownBy(() -> SeriesNotation.expand("1x100001")).hasMessage("'1x100001': more than 100000 values");
        assertThatThrownBy(() -> SeriesNotation.expand("(1x1000)x1000")).hasMessage("more than 100000 values");
    }
}
