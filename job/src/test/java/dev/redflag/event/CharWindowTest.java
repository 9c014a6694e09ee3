package dev.redflag.event;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CharWindowTest {

    private final CharWindow window = new CharWindow();

    @Test
    void readsOnlyItsRange() {
        assertReadsOnly(window.over("..2024-01-01..".toCharArray(), 2, 10));
    }

    @Test
    void readsOnlyItsRangeOfBytesAndForgetsThemForChars() {
        assertReadsOnly(window.over("..2024-01-01..".getBytes(ISO_8859_1), 2, 10));
        assertReadsOnly(window.over("xx2024-01-01".toCharArray(), 2, 10));
    }

    private static void assertReadsOnly(CharSequence s) {
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
        byte[] bytes = "x2024-01-01T00:01:01.431+01:00x".getBytes(ISO_8859_1);

        assertThat(IsoTimestamps.parseMillis(window.over(chars, 1, 24))).isEqualTo(1_704_067_261_431L);
        assertThat(IsoTimestamps.parseMillis(window.over(chars, 1, 23))).isEqualTo(Long.MIN_VALUE);
        assertThat(IsoTimestamps.parseMillis(window.over(bytes, 1, 29))).isEqualTo(1_704_063_661_431L);
        assertThat(IsoTimestamps.parseMillis(window.over(bytes, 1, 28))).isEqualTo(Long.MIN_VALUE);
    }
}
