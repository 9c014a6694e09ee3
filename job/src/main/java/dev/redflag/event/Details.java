package dev.redflag.event;

/**
 * Formatting for dead-letter details. Details end up in Kafka headers, metrics exemplars and logs,
 * and parts of them come from untrusted input, so every piece taken from a record is truncated and
 * stripped of control characters to keep a detail short and on one line.
 */
final class Details {

    /** Upper bound of a whole detail. */
    static final int MAX_DETAIL = 200;
    /** Upper bound of one value quoted from the input. */
    static final int MAX_VALUE = 60;

    private Details() {
    }

    /** The value in single quotes, cleaned and truncated to {@link #MAX_VALUE} characters. */
    static String quote(String value) {
        return "'" + clean(value, MAX_VALUE) + "'";
    }

    /** The detail cleaned and truncated to {@link #MAX_DETAIL} characters. */
    static String cap(String detail) {
        return clean(detail, MAX_DETAIL);
    }

    /** Replaces control characters with '?' and truncates to at most {@code max} chars ending in "...". */
    static String clean(String s, int max) {
        if (s == null) {
            return "null";
        }
        int end = s.length();
        boolean truncated = end > max;
        if (truncated) {
            end = max - 3;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
        }
        StringBuilder b = null;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(end + 3).append(s, 0, i);
                }
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        if (b == null) {
            return truncated ? s.substring(0, end) + "..." : s;
        }
        return truncated ? b.append("...").toString() : b.toString();
    }

    /** A double without a trailing ".0" when it is integral, e.g. for echoing a bound. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
