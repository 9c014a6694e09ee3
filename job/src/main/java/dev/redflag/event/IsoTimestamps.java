package dev.redflag.event;

/**
 * Parses the ISO-8601 / RFC 3339 timestamps that events carry in {@code ts}. Every record with a
 * string timestamp goes through here, so it is hand-rolled: no exceptions for bad input (a bad
 * timestamp is an ordinary dead-letter case, not an error), no allocation and no {@code java.time}
 * formatter machinery on the hot path.
 *
 * <p>Accepted: {@code YYYY-MM-DDTHH:MM:SS[.f]<offset>} where the fraction has 1 to 9 digits
 * (truncated to milliseconds) and the offset is {@code Z}, {@code ±HH:MM} or {@code ±HHMM}, at most
 * 18 hours as in {@link java.time.ZoneOffset}. {@code T} and {@code Z} may be lower case (RFC 3339).
 * Only ASCII digits count. Seconds are required; leap seconds ({@code :60}) and hour 24 are not
 * accepted.
 */
public final class IsoTimestamps {

    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    /** {@code YYYY-MM-DDTHH:MM:SS.sssZ}. */
    private static final int CANONICAL_LENGTH = 24;

    private IsoTimestamps() {
    }

    /**
     * Returns the instant as epoch milliseconds (negative before 1970), or {@link Long#MIN_VALUE}
     * when {@code s} is null or not a valid timestamp with an offset.
     */
    public static long parseMillis(CharSequence s) {
        if (s == null) {
            return Long.MIN_VALUE;
        }
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (!validDateTime(year, month, day, hour, minute, second)) {
            return Long.MIN_VALUE;
        }

        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int fractionDigits = i - start;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return Long.MIN_VALUE;
            }
            for (int k = fractionDigits; k < 3; k++) {
                millis *= 10;
            }
        }

        if (i >= n) {
            return Long.MIN_VALUE;
        }
        char c = s.charAt(i);
        int offsetSeconds;
        if (c == 'Z' || c == 'z') {
            offsetSeconds = 0;
            i++;
        } else if (c == '+' || c == '-') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes;
            if (i + 3 < n && s.charAt(i + 3) == ':') {
                offsetMinutes = digits(s, i + 4, 2);
                i += 6;
            } else {
                offsetMinutes = digits(s, i + 3, 2);
                i += 5;
            }
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
            if (offsetSeconds > MAX_OFFSET_SECONDS) {
                return Long.MIN_VALUE;
            }
            if (c == '-') {
                offsetSeconds = -offsetSeconds;
            }
        } else {
            return Long.MIN_VALUE;
        }
        if (i != n) {
            return Long.MIN_VALUE;
        }

        return epochMillis(year, month, day, hour, minute, second, millis, offsetSeconds);
    }

    /**
     * {@link #parseMillis} of {@code length} ASCII bytes from {@code offset} when they are in the
     * form producers write, {@code YYYY-MM-DDTHH:MM:SS.sssZ}, read straight from the bytes;
     * {@link Long#MIN_VALUE} for anything else, valid or not, which is then
     * {@link #parseMillis}'s to judge.
     */
    static long canonicalMillis(byte[] b, int offset, int length) {
        int o = offset;
        if (length != CANONICAL_LENGTH || b[o + 4] != '-' || b[o + 7] != '-' || b[o + 10] != 'T'
                || b[o + 13] != ':' || b[o + 16] != ':' || b[o + 19] != '.' || b[o + 23] != 'Z') {
            return Long.MIN_VALUE;
        }
        // a byte that is not a digit makes its (d | (9 - d)) negative; one test for all 17
        int y1 = b[o] - '0';
        int y2 = b[o + 1] - '0';
        int y3 = b[o + 2] - '0';
        int y4 = b[o + 3] - '0';
        int mo1 = b[o + 5] - '0';
        int mo2 = b[o + 6] - '0';
        int d1 = b[o + 8] - '0';
        int d2 = b[o + 9] - '0';
        int h1 = b[o + 11] - '0';
        int h2 = b[o + 12] - '0';
        int mi1 = b[o + 14] - '0';
        int mi2 = b[o + 15] - '0';
        int s1 = b[o + 17] - '0';
        int s2 = b[o + 18] - '0';
        int f1 = b[o + 20] - '0';
        int f2 = b[o + 21] - '0';
        int f3 = b[o + 22] - '0';
        int all = y1 | y2 | y3 | y4 | mo1 | mo2 | d1 | d2 | h1 | h2 | mi1 | mi2 | s1 | s2 | f1 | f2 | f3;
        int nines = (9 - y1) | (9 - y2) | (9 - y3) | (9 - y4) | (9 - mo1) | (9 - mo2) | (9 - d1) | (9 - d2)
                | (9 - h1) | (9 - h2) | (9 - mi1) | (9 - mi2) | (9 - s1) | (9 - s2) | (9 - f1) | (9 - f2) | (9 - f3);
        if ((all | nines) < 0) {
            return Long.MIN_VALUE;
        }
        int year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
        int month = mo1 * 10 + mo2;
        int day = d1 * 10 + d2;
        int hour = h1 * 10 + h2;
        int minute = mi1 * 10 + mi2;
        int second = s1 * 10 + s2;
        if (!validDateTime(year, month, day, hour, minute, second)) {
            return Long.MIN_VALUE;
        }
        return epochMillis(year, month, day, hour, minute, second, f1 * 100 + f2 * 10 + f3, 0);
    }

    private static boolean validDateTime(int year, int month, int day, int hour, int minute, int second) {
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month)
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    }

    private static long epochMillis(int year, int month, int day, int hour, int minute, int second, int millis,
                                    int offsetSeconds) {
        long epochSecond = daysFromCivil(year, month, day) * 86_400L
                + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond * 1000L + millis;
    }

    /** The value of {@code count} ASCII digits starting at {@code from}, or -1. */
    private static int digits(CharSequence s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
     */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
