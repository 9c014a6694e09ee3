package dev.redflag.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config and rule files ({@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 1w}), shared by every YAML file the project reads so that one
 * spelling works everywhere and every mistake gets the same explanation.
 *
 * <p>Whole numbers only, units {@code ms s m h d w} from largest to smallest, each at most
 * once; a bare number is refused because "30" could mean seconds or minutes. Parse errors
 * are {@link IllegalArgumentException}s whose message names the input and says how to
 * write it instead, so callers can prefix a key and a file location and show it as is.
 */
public final class Durations {

    private static final String[] UNITS = {"w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {
        7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L};

    private static final Pattern PART = Pattern.compile("(\\d+)([a-zA-Z]+)");
    private static final Pattern FRACTION = Pattern.compile("(\\d*\\.\\d+)([a-zA-Z]+)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

    private Durations() {
    }

    /**
     * Parses {@code <number><unit>...}, e.g. {@code 90s}, {@code 1h30m}, {@code 1d}.
     *
     * @throws IllegalArgumentException with a message that says what to write instead
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration; write a number with a unit, e.g. 30s");
        }
        String s = text.strip();
        if (NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + s + "' has no unit; add a unit, e.g. " + s + "s");
        }
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("'" + s + "' is negative; a duration must be 0 or more");
        }
        Matcher fraction = FRACTION.matcher(s);
        if (fraction.matches()) {
            throw new IllegalArgumentException(fractionMessage(s, fraction.group(1), fraction.group(2)));
        }
        Matcher m = PART.matcher(s);
        long total = 0;
        int end = 0;
        int lastUnit = -1;
        boolean ordered = true;
        while (m.lookingAt()) {
            String unit = m.group(2);
            int u = unitIndex(unit);
            if (u < 0) {
                throw new IllegalArgumentException("'" + s + "' has an unknown unit '" + unit
                        + "'; use ms, s, m, h, d or w");
            }
            if (u <= lastUnit) {
                ordered = false;
            }
            lastUnit = u;
            try {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), UNIT_MILLIS[u]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is too large");
            }
            end = m.end();
            m.region(end, s.length());
        }
        if (end != s.length() || end == 0) {
            throw new IllegalArgumentException("'" + s
                    + "' is not a duration; write a number with a unit, e.g. 30s, 5m or 1h30m");
        }
        Duration d = Duration.ofMillis(total);
        if (!ordered) {
            throw new IllegalArgumentException("'" + s + "' must list units from largest to smallest, each once; write "
                    + format(d));
        }
        return d;
    }

    /**
     * The shortest spelling that {@link #parse} reads back to the same value, e.g.
     * {@code 1h}, {@code 1m30s}, {@code 1d}, {@code 0s}. Sub-millisecond parts are dropped.
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int u = 0; u < UNITS.length; u++) {
            long n = millis / UNIT_MILLIS[u];
            if (n > 0) {
                out.append(n).append(UNITS[u]);
                millis -= n * UNIT_MILLIS[u];
            }
        }
        return out.toString();
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    private static String fractionMessage(String text, String number, String unit) {
        String base = "'" + text + "' has a fraction; durations take whole numbers";
        int u = unitIndex(unit);
        if (u < 0) {
            return base + " and one of the units ms, s, m, h, d or w";
        }
        BigDecimal millis = new BigDecimal(number).multiply(BigDecimal.valueOf(UNIT_MILLIS[u]));
        if (millis.signum() > 0 && millis.stripTrailingZeros().scale() <= 0) {
            return base + "; write " + format(Duration.ofMillis(millis.longValueExact()));
        }
        return base + " with a smaller unit, e.g. 90m instead of 1.5h";
    }
}
