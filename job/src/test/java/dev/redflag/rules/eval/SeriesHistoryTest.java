package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.testing.OlderPojoState;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.T0;
import static dev.redflag.rules.eval.TestRules.plain;
import static dev.redflag.rules.eval.TestRules.ratio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesHistoryTest {

    @Test
    void keepsWindowsSortedByStartWhateverTheArrivalOrder() {
        SeriesHistory h = new SeriesHistory(10);
        h.add(plain(T0 + 2 * HOUR, 3, 30));
        h.add(plain(T0, 1, 10));
        h.add(plain(T0 + HOUR, 2, 20));

        assertThat(h.size()).isEqualTo(3);
        assertThat(h.start(0)).isEqualTo(T0);
        assertThat(h.last(3)).containsExactly(1, 2, 3);
        assertThat(h.last(2)).containsExactly(2, 3);
        assertThat(h.last(10)).containsExactly(1, 2, 3);
        assertThat(h.sample(1)).isEqualTo(20);
    }

    @Test
    void aReEmittedWindowReplacesTheOneKept() {
        SeriesHistory h = new SeriesHistory(10);
        h.add(ratio(T0, 1, 4));
        h.add(ratio(T0 + HOUR, 1, 2));
        h.add(ratio(T0, 3, 6));

        assertThat(h.size()).isEqualTo(2);
        assertThat(h.valueAt(T0)).isEqualTo(0.5);
        assertThat(h.numerator(0)).isEqualTo(3);
        assertThat(h.denominator(0)).isEqualTo(6);
        assertThat(h.sample(0)).isEqualTo(6);
    }

    @Test
    void lookupsByExactStartSayWhenAWindowIsMissing() {
        SeriesHistory h = new SeriesHistory(10);
        h.add(plain(T0, 1, 1));
        h.add(plain(T0 + 2 * HOUR, 3, 1));

        assertThat(h.indexOf(T0 + 2 * HOUR)).isEqualTo(1);
        assertThat(h.indexOf(T0 + HOUR)).isEqualTo(-1);
        assertThat(h.valueAt(T0 + HOUR)).isNaN();
        assertThat(h.countBefore(T0)).isZero();
        assertThat(h.countBefore(T0 + HOUR)).isEqualTo(1);
        assertThat(h.countBefore(T0 + 2 * HOUR)).isEqualTo(1);
        assertThat(h.countBefore(T0 + 3 * HOUR)).isEqualTo(2);
        assertThat(h.numerator(0)).isNaN();
    }

    @Test
    void aFullHistoryDropsTheOldestAndIgnoresWhatIsOlderStill() {
        SeriesHistory h = new SeriesHistory(3);
        for (int i = 0; i < 5; i++) {
            h.add(plain(T0 + i * HOUR, i, 1));
        }
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.last(3)).containsExactly(2, 3, 4);

        h.add(plain(T0, 99, 1));
        assertThat(h.last(3)).containsExactly(2, 3, 4);

        h.add(plain(T0 + 3 * HOUR + HOUR / 2, 3.5, 1));
        assertThat(h.last(3)).containsExactly(3, 3.5, 4);
    }

    @Test
    void resizingKeepsTheNewest() {
        SeriesHistory h = new SeriesHistory(5);
        for (int i = 0; i < 5; i++) {
            h.add(plain(T0 + i * HOUR, i, 1));
        }
        h.resize(2);
        assertThat(h.capacity()).isEqualTo(2);
        assertThat(h.last(5)).containsExactly(3, 4);
        h.resize(4);
        h.add(plain(T0 + 5 * HOUR, 5, 1));
        assertThat(h.last(5)).containsExactly(3, 4, 5);
        assertThatThrownBy(() -> h.resize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forLookbackKeepsOneMoreWindowForTheLatest() {
        assertThat(SeriesHistory.forLookback(168).capacity()).isEqualTo(169);
        assertThat(SeriesHistory.forLookback(0).capacity()).isEqualTo(1);
        assertThat(new SeriesHistory().capacity()).isEqualTo(1);
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        SeriesHistory h = new SeriesHistory(4);
        h.add(ratio(T0, 1, 4));
        h.add(ratio(T0 + HOUR, 2, 4));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(h);
        }
        SeriesHistory back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (SeriesHistory) in.readObject();
        }
        assertThat(back).isEqualTo(h).hasSameHashCodeAs(h);
        back.add(ratio(T0 + 2 * HOUR, 3, 4));
        assertThat(back.last(3)).containsExactly(0.25, 0.5, 0.75);
    }

    @Test
    void canBeRebuiltThroughItsBeanAccessors() {
        SeriesHistory h = new SeriesHistory(4);
        h.add(ratio(T0, 1, 4));
        h.add(ratio(T0 + HOUR, 2, 4));

        SeriesHistory copy = new SeriesHistory();
        copy.setCapacity(h.getCapacity());
        copy.setSize(h.getSize());
        copy.setStarts(h.getStarts().clone());
        copy.setValues(h.getValues().clone());
        copy.setNumerators(h.getNumerators().clone());
        copy.setDenominators(h.getDenominators().clone());
        copy.setSamples(h.getSamples().clone());
        copy.setNumeratorSquares(h.getNumeratorSquares().clone());
        copy.setCrossProducts(h.getCrossProducts().clone());
        copy.setDenominatorSquares(h.getDenominatorSquares().clone());
        assertThat(copy).isEqualTo(h);
        copy.getDenominatorSquares()[1] = 99;
        assertThat(copy).isNotEqualTo(h);
    }

    /** A bounce-rate-like window: k of n, with its moments (k, k, n). */
    private static KpiValue withMoments(long start, double k, double n) {
        return new KpiValue("bounce_rate", "1h", Map.of(), start, start + HOUR, k / n, k, n, (long) n, k, k, n);
    }

    private static List<Double> moments(SeriesHistory h, int i) {
        return List.of(h.numeratorSquares(i), h.crossProducts(i), h.denominatorSquares(i));
    }

    @Test
    void keepsTheMomentsOfEachWindowThroughInsertsReplacementsDropsAndResizes() {
        SeriesHistory h = new SeriesHistory(3);
        h.add(withMoments(T0 + 2 * HOUR, 2, 3));
        h.add(withMoments(T0, 1, 4));
        h.add(T0 + HOUR, 7, Double.NaN, Double.NaN, 9, 60, 9, 9); // a sum of 9 events, Σa² = 60
        assertThat(moments(h, 0)).containsExactly(1.0, 1.0, 4.0);
        assertThat(moments(h, 1)).containsExactly(60.0, 9.0, 9.0);
        assertThat(moments(h, 2)).containsExactly(2.0, 2.0, 3.0);

        h.add(withMoments(T0 + HOUR, 5, 10)); // re-emitted
        assertThat(moments(h, 1)).containsExactly(5.0, 5.0, 10.0);

        h.add(withMoments(T0 + 3 * HOUR, 0, 2)); // full: T0 goes
        assertThat(h.start(0)).isEqualTo(T0 + HOUR);
        assertThat(moments(h, 0)).containsExactly(5.0, 5.0, 10.0);
        assertThat(moments(h, 2)).containsExactly(0.0, 0.0, 2.0);

        h.resize(2);
        assertThat(moments(h, 0)).containsExactly(2.0, 2.0, 3.0);
        assertThat(moments(h, 1)).containsExactly(0.0, 0.0, 2.0);

        h.add(plain(T0 + 4 * HOUR, 1, 1)); // no moments
        assertThat(moments(h, 1)).allMatch(d -> Double.isNaN(d));
        assertThat(moments(h, 0)).containsExactly(0.0, 0.0, 2.0);
        assertThatThrownBy(() -> h.numeratorSquares(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aHistorySavedBeforeTheMomentsReadsThemAsUnknownAndKeepsNewOnesInStep() throws Exception {
        SeriesHistory saved = new SeriesHistory(3);
        saved.add(ratio(T0, 1, 4));
        saved.add(ratio(T0 + HOUR, 2, 4));
        SeriesHistory restored = OlderPojoState.restore(SeriesHistory.class, saved,
                "capacity", "size", "starts", "values", "numerators", "denominators", "samples");
        assertThat(restored.last(2)).containsExactly(0.25, 0.5);
        assertThat(moments(restored, 1)).allMatch(d -> Double.isNaN(d));
        assertThat(restored).isEqualTo(saved);

        restored.add(withMoments(T0 + 2 * HOUR, 3, 4));
        restored.add(withMoments(T0 + 3 * HOUR, 1, 2)); // full: T0 goes
        assertThat(restored.last(3)).containsExactly(0.5, 0.75, 0.5);
        assertThat(moments(restored, 0)).allMatch(d -> Double.isNaN(d));
        assertThat(moments(restored, 1)).containsExactly(3.0, 3.0, 4.0);
        assertThat(moments(restored, 2)).containsExactly(1.0, 1.0, 2.0);
    }

    @Test
    void aJavaSerializedHistoryWithoutMomentArraysStillTakesWindows() {
        SeriesHistory h = new SeriesHistory(4);
        h.add(ratio(T0, 1, 4));
        h.add(ratio(T0 + HOUR, 2, 4));
        // Java serialization leaves fields the old class did not have null
        h.setNumeratorSquares(null);
        h.setCrossProducts(null);
        h.setDenominatorSquares(null);
        assertThat(moments(h, 1)).allMatch(d -> Double.isNaN(d));

        h.add(withMoments(T0 - HOUR, 1, 2)); // inserted before the others
        assertThat(moments(h, 0)).containsExactly(1.0, 1.0, 2.0);
        assertThat(moments(h, 1)).allMatch(d -> Double.isNaN(d));
        h.resize(2); // T0 - HOUR goes
        assertThat(h.start(0)).isEqualTo(T0);
        assertThat(moments(h, 0)).allMatch(d -> Double.isNaN(d));
        h.add(withMoments(T0 + 2 * HOUR, 2, 5)); // full: T0 goes
        assertThat(h.start(0)).isEqualTo(T0 + HOUR);
        assertThat(moments(h, 0)).allMatch(d -> Double.isNaN(d));
        assertThat(moments(h, 1)).containsExactly(2.0, 2.0, 5.0);
    }
}
