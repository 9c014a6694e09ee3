package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.kpi.ValueText;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A person on call reads the value line at a glance on a phone: numbers in their KPI's unit as the
 * alert carries them ({@code 66.7%}, {@code €12.40}, {@code 1d 4h}), the change signed, times in
 * UTC with the date once.
 */
final class KpiText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private KpiText() {
    }

    /**
     * {@code *66.7%* vs baseline 40% (+26.7 points)}, in the format of the alert's KPI; the baseline
     * and change parts only when known; "" without a value.
     */
    static String valueLine(AlertEvent alert) {
        ValueText text = alert.valueText();
        if (text.value().isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("*").append(SlackText.escape(text.value())).append('*');
        if (!text.baseline().isEmpty()) {
            line.append(" vs baseline ").append(SlackText.escape(text.baseline()));
        }
        if (!text.change().isEmpty()) {
            line.append(" (").append(SlackText.escape(text.change())).append(')');
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
}
