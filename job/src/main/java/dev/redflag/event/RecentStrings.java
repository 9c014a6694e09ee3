package dev.redflag.event;

/**
 * Strings of a record that repeat from record to record (tenants, pages, channels, dimension
 * values), handed out from a small direct-mapped table instead of copied per record: a hit
 * compares the parser's characters with the kept string and allocates nothing. A miss replaces
 * the slot, so the table stays a fixed size whatever the input, and unique values (ids) only
 * cost the copy they would cost anyway plus one comparison.
 *
 * <p>Not thread-safe; one per decoder.
 */
final class RecentStrings {

    private static final int SLOTS = 512;
    /** Longer values are rarely repeated labels; they are copied without a look-up. */
    private static final int MAX_LENGTH = 64;

    private final String[] slots = new String[SLOTS];

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
