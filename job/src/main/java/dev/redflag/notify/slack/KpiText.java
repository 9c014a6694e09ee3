package dev.redflag.notify.slack;

import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A person on call reads the value line at a glance on a phone: numbers short (at most four
 * decimals, no trailing zeros), the change signed, times in UTC with the date once.
 */
final class KpiText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private KpiText() {
    }

    /** {@code *0.43* vs baseline 0.31 (+38.7%)}; the baseline and change parts only when known; "" without a value. */
    static String valueLine(Transition t) {
        if (Double.isNaN(t.value())) {
            return "";
        }
        StringBuilder line = new StringBuilder("*").append(number(t.value())).append('*');
        if (!Double.isNaN(t.baseline())) {
            line.append(" vs baseline ").append(number(t.baseline()));
        }
        if (!Double.isNaN(t.change())) {
            line.append(" (").append(String.format(Locale.ROOT, "%+.1f%%", t.change() + 0.0)).append(')');
        }
        return line.toString();
    }

    /**
     * {@code 10:00–11:00 UTC 2026-11-02}, also when the window ends at the next midnight; a window
     * over several days as {@code 2026-11-01 00:00 – 2026-11-03 00:00 UTC}; "" when unknown.
     */
    static String window(long start, long end) {
        if (start == AlertState.NO_TIME || end == AlertState.NO_TIME) {
            return "";
        }
        LocalDateTime from = LocalDateTime.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofInstant(Instant.ofEpochMilli(end), ZoneOffset.UTC);
        boolean sameDay = to.toLocalDate().equals(from.toLocalDate())
                || to.equals(from.toLocalDate().plusDays(1).atStartOfDay());
        if (sameDay) {
            return TIME.format(from) + "–" + TIME.format(to) + " UTC " + DATE.format(from);
        }
        return DATE.format(from) + " " + TIME.format(from) + " – " + DATE.format(to) + " " + TIME.format(to) + " UTC";
    }

    /** Whole numbers bare, others to four decimals without trailing zeros, tiny ones to four significant digits. */
    static String number(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "-∞";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal exact = BigDecimal.valueOf(d);
        BigDecimal rounded = exact.setScale(4, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            rounded = exact.round(new MathContext(4, RoundingMode.HALF_UP));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
