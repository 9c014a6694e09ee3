package dev.redflag.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CharWindowTest {

    private final CharWindow window = new CharWindow();

    @Test
    void readsOnlyItsRange() {
        CharSequence s = window.over("..2024-01-01..".toCharArray(), 2, 10);

        assertThat(s.length()).isEqualTo(10);
        assertThat(s.charAt(0)).isEqualTo('2');
        assertThat(s.charAt(9)).isEqualTo('1');
        assertThat(s.toString()).isEqualTo("2024-01-01");
        assertThat(s.subSequence(5, 7).toString()).isEqualTo("01");
        assertThatThrownBy(() -> s.charAt(10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.charAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anIsoTimestampParsesFromTheWindowAsFromAString() {
        char[] chars = "x2024-01-01T00:01:01.431Zx".toCharArray();

        assertThat(IsoTimestamps.parseMillis(window.over(chars, 1, 24))).isEqualTo(1_704_067_261_431L);
        assertThat(IsoTimestamps.parseMillis(window.over(chars, 1, 23))).isEqualTo(Long.MIN_VALUE);
    }
}
