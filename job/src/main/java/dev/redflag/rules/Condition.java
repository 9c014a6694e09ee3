package dev.redflag.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * When a rule is active for one KPI series: a closed family, so evaluation is a checked switch.
 * Every kind is judged on the series' latest value and, where it needs one, a baseline computed
 * from the same series' history.
 */
public sealed interface Condition extends Serializable {

    /** {@code value above|below threshold}. */
    record Threshold(Direction direction, double value) implements Condition {
    }

    /**
     * {@code rise|drop} against a baseline, by at least {@code percent} % of the baseline or by
     * {@code absolute} units (exactly one of the two is set, the other NaN).
     */
    record Change(Direction direction, double percent, double absolute, Baseline baseline) implements Condition {
    }

    /** Least-squares slope over the last {@code windows} values, per window, above/below {@code slope}. */
    record Trend(Direction direction, int windows, double slope) implements Condition {
    }

    /**
     * A flow stops: for a ratio KPI, the numerator is 0 while the denominator is at least
     * {@code minDenominator} (no SQL while MQLs arrive); for other KPIs, the value has been 0
     * for {@code windows} consecutive windows.
     */
    record Stall(double minDenominator, int windows) implements Condition {
    }

    /** No value for the series (or, with {@code wholeStream}, for the whole KPI) for {@code duration}. */
    record Absent(Duration duration, boolean wholeStream) implements Condition {
    }

    /**
     * The latest value is unusual against the trailing {@code windows} values: robust z-score
     * (median/MAD), EWMA z-score, or range (further from the median than any of them);
     * {@code sensitivity} 1 (few alerts) .. 10 (many); {@code direction} null means both ways. With a
     * {@code season}, the method judges each value's residual from the same time of the previous
     * days (weeks) instead of the value itself; null means no season.
     */
    record Anomaly(AnomalyMethod method, int windows, double sensitivity, Direction direction, Season season)
            implements Condition {

        /** Without a season. */
        public Anomaly(AnomalyMethod method, int windows, double sensitivity, Direction direction) {
            this(method, windows, sensitivity, direction, null);
        }
    }

    /**
     * Two-proportion z-test between the window and its baseline for ratio KPIs: active when the
     * difference in {@code direction} is significant at {@code confidence} (e.g. 0.95).
     */
    record Significance(Direction direction, double confidence, Baseline baseline) implements Condition {
    }

    /**
     * A statistically significant shift of the KPI against its own seasonal baseline, of at least
     * {@code percent} % of the baseline or {@code absolute} units (one of them set, the other NaN).
     * With {@code scan} ({@code window: auto}) the series is judged on its finest window pooled over
     * several resolutions (1h to 7d); without, on the rule's window alone. {@code stall} asks for a
     * numerator of exactly 0 instead of a change ({@code stall: true} with {@code window: auto}).
     * {@code sensitivity} 1 (fewest false alerts) .. 10 (earliest detection), 5 by default.
     * {@code signed}: the KPI's events add negative amounts too (NPS detractors, NGR's wins), so its
     * sums are judged by the normal approximation rather than as counts.
     * {@code excluded}: calendar periods left out of baselines.
     * {@code slices}: the dimensions (one name) and pairs of dimensions (two names) whose slices are
     * judged too ({@code slices: [channel, device, [channel, device]]}), in the rule's order; empty
     * when the rule judges the series alone.
     */
    record Shift(Direction direction, double percent, double absolute, double sensitivity, boolean scan,
                 boolean stall, boolean signed, ExcludedPeriods excluded, List<List<String>> slices)
            implements Condition {

        public Shift {
            excluded = excluded == null ? ExcludedPeriods.NONE : excluded;
            slices = slices == null ? List.of() : slices.stream().map(List::copyOf).toList();
        }

        /** A shift judged on the series alone. */
        public Shift(Direction direction, double percent, double absolute, double sensitivity, boolean scan,
                     boolean stall, boolean signed, ExcludedPeriods excluded) {
            this(direction, percent, absolute, sensitivity, scan, stall, signed, excluded, List.of());
        }

        /** The same shift with other calendar exclusions. */
        public Shift withExcluded(ExcludedPeriods periods) {
            return new Shift(direction, percent, absolute, sensitivity, scan, stall, signed, periods, slices);
        }
    }

    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    enum Direction {
        /** above / rise / rising */
        UP,
        /** below / drop / falling */
        DOWN
    }

    enum AnomalyMethod {
        ROBUST_Z, EWMA, RANGE
    }

    /** The cycle of a seasonal anomaly detector: the same time of day, or of the week. */
    enum Season {
        DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

        private final Duration length;

        Season(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }
    }

    /**
     * What a value is compared with: the previous window, the mean of the trailing {@code windows}
     * windows, the same hour one week earlier, or the same weekday (same time of day) averaged
     * over the trailing {@code windows} weeks.
     */
    record Baseline(Kind kind, int windows) implements Serializable {
        public enum Kind {
            PREVIOUS_WINDOW, TRAILING_MEAN, SAME_HOUR_LAST_WEEK, SAME_WEEKDAY
        }
    }
}
