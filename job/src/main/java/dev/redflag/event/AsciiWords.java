package dev.redflag.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time over a record's bytes, for the {@link FlatRecordScanner}: where a plain
 * JSON string ends, and whether a key is one of the known field names, with one load and a few
 * bit operations per eight bytes instead of a compare and branch per byte.
 *
 * <p>Little-endian words, so the lowest set bit of a match mask is the first byte in the record.
 * The "has a zero byte" trick ({@code (x - 0x01..) & ~x & 0x80..}) can flag a byte above a true
 * match (a borrow carries into it) but never one below, so the first flagged byte is exact.
 */
final class AsciiWords {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = ' ' * ONES;
    /** The "none" answer of {@link #stringEnd}. */
    static final int NONE = -1;

    private AsciiWords() {
    }

    /** The eight bytes from {@code index}, the first in the lowest byte; {@code index + 8} must be in bounds. */
    static long word(byte[] bytes, int index) {
        return (long) LONGS.get(bytes, index);
    }

    /** A mask of the low {@code n} bytes of a word: none for n <= 0, all for n >= 8. */
    static long mask(int n) {
        return n <= 0 ? 0 : n >= Long.BYTES ? -1L : (1L << (n * Byte.SIZE)) - 1;
    }

    /**
     * The index of the quote that closes a string whose first byte is at {@code from}, or
     * {@link #NONE} when, before it, the string holds an escape, a control character or a byte of
     * 0x80 or above (part of a multi-byte character), or it never closes before {@code end}.
     */
    static int stringEnd(byte[] bytes, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long stops = stops(word(bytes, i));
            if (stops != 0) {
                int at = i + (Long.numberOfTrailingZeros(stops) >>> 3);
                return bytes[at] == '"' ? at : NONE;
            }
        }
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || b < 0x20) { // negative: a byte of 0x80 or above
                return NONE;
            }
        }
        return NONE;
    }

    /** The high bit of every byte that ends a plain string: a quote, a backslash, below 0x20 or above 0x7f. */
    private static long stops(long word) {
        return zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES)
                | ((word - SPACES) & ~word & HIGH_BITS) | (word & HIGH_BITS);
    }

    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGH_BITS;
    }
}
