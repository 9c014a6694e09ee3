package dev.redflag.event;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiWordsTest {

    @Test
    void aStringEndsAtItsFirstQuoteWhereverItFallsInAWord() {
        for (int length = 0; length < 40; length++) {
            byte[] record = ("{\"" + "a".repeat(length) + "\"" + "b\"".repeat(10)).getBytes(ISO_8859_1);
            assertThat(AsciiWords.stringEnd(record, 2, record.length)).as("length %d", length).isEqualTo(2 + length);
        }
    }

    @Test
    void anEscapeAControlCharacterOrANonAsciiByteBeforeTheQuoteEndsNothing() {
        byte[] stops = {'\\', 0x00, 0x1f, '\n', '\t', (byte) 0x80, (byte) 0xc3, (byte) 0xff};
        for (byte stop : stops) {
            for (int at = 0; at < 20; at++) {
                byte[] record = ("\"" + "a".repeat(30) + "\"").getBytes(ISO_8859_1);
                record[1 + at] = stop;
                assertThat(AsciiWords.stringEnd(record, 1, record.length)).as("byte %d at %d", stop, at)
                        .isEqualTo(AsciiWords.NONE);
            }
        }
    }

    @Test
    void aStopAfterTheQuoteDoesNotCount() {
        // the borrow of a byte below 0x20 must not flag the bytes before it
        for (int at = 0; at < 16; at++) {
            byte[] record = ("\"" + "a".repeat(at) + "\"\u0000\u0001\\\u0080xxxxxxxxxxxxxxxxxxxx").getBytes(ISO_8859_1);
            assertThat(AsciiWords.stringEnd(record, 1, record.length)).isEqualTo(1 + at);
        }
    }

    @Test
    void bytesBetweenSpaceAndTildeOtherThanQuoteAndBackslashArePlain() {
        StringBuilder plain = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            if (c != '"' && c != '\\') {
                plain.append(c);
            }
        }
        byte[] record = ("\"" + plain + "\"").getBytes(ISO_8859_1);
        assertThat(AsciiWords.stringEnd(record, 1, record.length)).isEqualTo(record.length - 1);
    }

    @Test
    void aStringThatNeverClosesBeforeTheEndEndsNothing() {
        byte[] record = "\"abcdefghijklmnopqrstuvwxyz\"".getBytes(ISO_8859_1);
        for (int end = 1; end < record.length; end++) {
            assertThat(AsciiWords.stringEnd(record, 1, end)).as("end %d", end).isEqualTo(AsciiWords.NONE);
        }
        assertThat(AsciiWords.stringEnd(record, 1, record.length)).isEqualTo(record.length - 1);
    }

    @Test
    void aWordIsLittleEndian() {
        assertThat(AsciiWords.word("x12345678".getBytes(ISO_8859_1), 1)).isEqualTo(0x3837363534333231L);
    }
}
