package dev.redflag.rules;

import dev.redflag.yaml.ConfigNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rule file's {@code calendar:} block: the periods baselines leave out.
 *
 * <pre>
 * calendar:
 *   exclude_from_baselines:
 *     - {date: 2026-12-25, reason: Christmas}                       # one UTC day
 *     - {from: 2026-11-27, to: 2026-11-30, reason: Black Friday}      # whole UTC days, both included
 *     - {from: 2026-12-01T08:00:00Z, to: 2026-12-01T20:00:00Z}        # instants, end excluded
 * </pre>
 */
final class CalendarReader {

    private static final long DAY = 86_400_000L;

    private final RuleValues values;

    CalendarReader(RuleValues values) {
        this.values = values;
    }

    /** Adds the file's periods to {@code periods} and their reasons to {@code reasons}. */
    void read(ConfigNode calendar, List<long[]> periods, List<String> reasons) {
        if (!calendar.isMapping()) {
            values.shape(calendar, "expected a mapping with exclude_from_baselines, got " + calendar.describe());
            return;
        }
        ConfigNode list = calendar.entries().get("exclude_from_baselines");
        if (list == null) {
            return;
        }
        if (list.kind() != ConfigNode.Kind.LIST) {
            values.shape(list, "expected a list of periods, got " + list.describe());
            return;
        }
        for (ConfigNode item : list.items()) {
            long[] period = period(item);
            if (period != null) {
                periods.add(period);
                ConfigNode reason = item.entries().get("reason");
                reasons.add(reason == null ? "" : reason.text());
            }
        }
    }

    private long[] period(ConfigNode item) {
        if (!item.isMapping()) {
            values.shape(item, "expected {date: 2026-12-25} or {from: ..., to: ...}, got " + item.describe());
            return null;
        }
        ConfigNode date = item.entries().get("date");
        ConfigNode from = item.entries().get("from");
        ConfigNode to = item.entries().get("to");
        if (date != null && (from != null || to != null)) {
            values.add(date, "give date, or from and to, not both");
            return null;
        }
        if (date != null) {
            Long day = day(date);
            return day == null ? null : new long[] {day, day + DAY};
        }
        if (from == null || to == null) {
            values.add(item.anchor(), item.path(), "a period needs date, or both from and to");
            return null;
        }
        long[] start = instant(from, false);
        long[] end = instant(to, true);
        if (start == null || end == null) {
            return null;
        }
        if (end[0] <= start[0]) {
            values.add(to, "must be after from");
            return null;
        }
        return new long[] {start[0], end[0]};
    }

    /** A date (its start; with {@code end}, the start of the next day) or an instant. */
    private long[] instant(ConfigNode node, boolean end) {
        String text = values.text(node);
        if (text == null) {
            return null;
        }
        if (text.length() == 10) {
            Long day = day(node);
            return day == null ? null : new long[] {end ? day + DAY : day};
        }
        try {
            return new long[] {Instant.parse(text).toEpochMilli()};
        } catch (DateTimeParseException e) {
            values.shape(node, "expected a date (2026-12-25) or an instant (2026-12-25T08:00:00Z), got '" + text + "'");
            return null;
        }
    }

    private Long day(ConfigNode node) {
        String text = values.text(node);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            values.shape(node, "expected a date such as 2026-12-25, got '" + text + "'");
            return null;
        }
    }
}
