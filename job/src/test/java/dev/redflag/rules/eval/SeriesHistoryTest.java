package dev.redflag.rules.eval;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

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
        assertThat(copy).isEqualTo(h);
    }
}
