package dev.redflag.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of a record that repeat from record to record (tenants, pages, channels, dimension
 * values), handed out from a small direct-mapped table instead of copied per record: a hit
 * compares the parser's characters with the kept string and allocates nothing. A miss replaces
 * the slot, so the table stays a fixed size whatever the input, and unique values (ids) only
 * cost the copy they would cost anyway plus one comparison.
 *
 * <p>Two tables: one for characters (Jackson's buffer), one for the ASCII bytes the
 * {@link FlatRecordScanner} reads, so that neither has to widen or narrow what it holds.
 *
 * <p>Not thread-safe; one per decoder.
 */
final class RecentStrings {

    private static final int SLOTS = 512;
    /** Longer values are rarely repeated labels; they are copied without a look-up. */
    private static final int MAX_LENGTH = 64;

    private static final long MIX = 0x9E3779B97F4A7C15L;

    private final String[] slots = new String[SLOTS];
    /** Values of at most two words, kept as their two words (unused bytes zero) and length. */
    private final String[] wordSlots = new String[SLOTS];
    private final long[] wordHeads = new long[SLOTS];
    private final long[] wordTails = new long[SLOTS];
    private final int[] wordLengths = new int[SLOTS];
    /** Longer values. */
    private final String[] asciiSlots = new String[SLOTS];
    /** The bytes of the string in the same slot of {@link #asciiSlots}. */
    private final byte[][] asciiBytes = new byte[SLOTS][];

    RecentStrings() {
        Arrays.fill(wordLengths, -1);
    }

    /** The string of {@code length} characters of {@code chars} from {@code offset}. */
    String of(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String kept = slots[slot];
        if (kept != null && equal(kept, chars, offset, length)) {
            return kept;
        }
        String s = new String(chars, offset, length);
        slots[slot] = s;
        return s;
    }

    /**
     * The string of the {@code length} ASCII bytes of {@code bytes} from {@code offset}. A label of
     * up to 16 bytes (nearly all) is looked up by its two words: two loads, a hash and three compares.
     */
    String ofAscii(byte[] bytes, int offset, int length) {
        if (length <= 2 * Long.BYTES) {
            long head;
            long tail;
            if (offset + 2 * Long.BYTES <= bytes.length) {
                head = AsciiWords.word(bytes, offset) & AsciiWords.mask(length);
                tail = AsciiWords.word(bytes, offset + Long.BYTES) & AsciiWords.mask(length - Long.BYTES);
            } else { // too near the end of the array for two loads: the same words, byte by byte
                head = 0;
                tail = 0;
                for (int i = 0; i < length; i++) {
                    long b = (bytes[offset + i] & 0xffL) << (i % Long.BYTES * Byte.SIZE);
                    if (i < Long.BYTES) {
                        head |= b;
                    } else {
                        tail |= b;
                    }
                }
            }
            long h = ((head + length) * MIX ^ tail) * MIX;
            int slot = (int) (h >>> 55) & (SLOTS - 1);
            if (wordLengths[slot] == length && wordHeads[slot] == head && wordTails[slot] == tail) {
                return wordSlots[slot];
            }
            String s = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
            wordSlots[slot] = s;
            wordHeads[slot] = head;
            wordTails[slot] = tail;
            wordLengths[slot] = length;
            return s;
        }
        if (length > MAX_LENGTH) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        int slot = asciiSlot(bytes, offset, length);
        byte[] kept = asciiBytes[slot];
        if (kept != null && equalBytes(kept, bytes, offset, length)) {
            return asciiSlots[slot];
        }
        String s = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        asciiBytes[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
        asciiSlots[slot] = s;
        return s;
    }

    /** From the first and last eight bytes (or every byte of a shorter value) and the length. */
    private static int asciiSlot(byte[] bytes, int offset, int length) {
        long h = length;
        if (length >= Long.BYTES) {
            h = (h ^ AsciiWords.word(bytes, offset)) * MIX;
            h = (h ^ AsciiWords.word(bytes, offset + length - Long.BYTES)) * MIX;
        } else {
            for (int i = offset; i < offset + length; i++) {
                h = (h << 8) | (bytes[i] & 0xff);
            }
            h *= MIX;
        }
        return (int) (h >>> 55) & (SLOTS - 1);
    }

    /**
     * Whether {@code kept} is exactly these {@code length} bytes. A plain loop: values are a few
     * bytes long, shorter than what {@code Arrays.equals}'s vectorised path pays off for.
     */
    static boolean equalBytes(byte[] kept, byte[] bytes, int offset, int length) {
        if (kept.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (kept[i] != bytes[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} has exactly these characters. */
    static boolean equal(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
