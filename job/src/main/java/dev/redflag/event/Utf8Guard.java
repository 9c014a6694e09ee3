package dev.redflag.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a 0xFF byte in a record that Jackson will read as UTF-8, before Jackson does. Jackson looks
 * field names up by their bytes in 4-byte groups and pads a name's last group with 0xFF, so a name
 * holding 0xFF bytes ({@code "\xffts"}) matches a shorter name the decoder has already seen
 * ({@code "ts"}) and skips the UTF-8 check that a first sighting makes: the same record decoded as
 * an event on a decoder that had read other records and as "not JSON" on a fresh one (found by
 * EventDecoderFuzzTest). 0xFF is never part of UTF-8, so such a record is refused up front, on
 * every decoder alike. Eight bytes at a time: it runs on every record.
 */
final class Utf8Guard {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Utf8Guard() {
    }

    /**
     * The index (from {@code offset}) of the first 0xFF byte, or -1; also -1 for a record Jackson
     * reads as UTF-16 or UTF-32 (a byte-order mark or a zero byte in its first four), where 0xFF
     * bytes are characters.
     */
    static int indexOfFF(byte[] bytes, int offset, int length) {
        if (notUtf8(bytes, offset, length)) {
            return -1;
        }
        int i = offset;
        int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long inverted = ~(long) LONGS.get(bytes, i); // 0xFF bytes become zero bytes
            if (((inverted - ONES) & ~inverted & HIGHS) != 0) {
                break;
            }
        }
        for (; i < end; i++) {
            if (bytes[i] == (byte) 0xFF) {
                return i - offset;
            }
        }
        return -1;
    }

    private static boolean notUtf8(byte[] bytes, int offset, int length) {
        if (length >= 2 && ((bytes[offset] == (byte) 0xFE && bytes[offset + 1] == (byte) 0xFF)
                || (bytes[offset] == (byte) 0xFF && bytes[offset + 1] == (byte) 0xFE))) {
            return true;
        }
        for (int i = offset; i < offset + Math.min(length, 4); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** "column 7", or "line 2, column 3", of the byte at {@code index} from {@code offset}. */
    static String position(byte[] bytes, int offset, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (bytes[offset + i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = index - lineStart + 1;
        return line > 1 ? "line " + line + ", column " + column : "column " + column;
    }
}
