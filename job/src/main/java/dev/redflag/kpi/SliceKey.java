package dev.redflag.kpi;

import java.util.List;

/**
 * The values of a contribution's slice dimensions as one string, the key of its slice in window
 * state: each value preceded by its length as one char. A length prefix rather than a separator,
 * because event values are free text that may hold any separator; it needs no escaping and no
 * scan to read back. The empty string is the key of an unsliced KPI's contributions; a sliced
 * one's key is never empty, as it holds at least one length.
 */
public final class SliceKey {

    /** The key of a contribution to a KPI that is not sliced. */
    public static final String NONE = "";

    private SliceKey() {
    }

    /**
     * Appends one value; a missing value reads as {@link EventFields#UNKNOWN}, as a missing dim
     * does, and a value longer than a char can count is cut to that length.
     */
    public static StringBuilder append(StringBuilder sb, String value) {
        String v = value == null ? EventFields.UNKNOWN : value;
        int length = Math.min(v.length(), Character.MAX_VALUE);
        return sb.append((char) length).append(v, 0, length);
    }

    /** The key of these values, in the KPI's declared slice order. */
    public static String of(List<String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach(v -> append(sb, v));
        return sb.toString();
    }

    /** The key every combination beyond a series' cap is summed into: {@link Slice#OTHER} for each dimension. */
    public static String other(int arity) {
        return of(java.util.Collections.nCopies(arity, Slice.OTHER));
    }

    /** The values of {@code key}, or null when it does not hold exactly {@code arity} of them. */
    public static String[] values(String key, int arity) {
        String[] values = new String[arity];
        int pos = 0;
        for (int i = 0; i < arity; i++) {
            if (pos >= key.length()) {
                return null;
            }
            int end = pos + 1 + key.charAt(pos);
            if (end > key.length()) {
                return null;
            }
            values[i] = key.substring(pos + 1, end);
            pos = end;
        }
        return pos == key.length() ? values : null;
    }
}
