package dev.redflag.rules.eval;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;

import java.time.Duration;

/**
 * How many past windows of a series a rule reads, so each series keeps just enough history
 * ({@link SeriesHistory#forLookback}): the largest lookback of the rules on a series wins.
 *
 * <p>Counted in windows before the latest one, at {@code windowStepMillis} between window starts
 * (the size of a tumbling window, the slide of a sliding one): previous window 1; trailing mean
 * N; same hour last week 7 days / step (168 for 1h); same weekday over W weeks W × 7 days / step;
 * shift 28 days / step, and 7 days more with {@code window: auto};
 * trend, stall and anomaly their {@code windows} (a seasonal anomaly also 3 seasons / step); threshold
 * and absent 0. all/any take the largest of their conditions, and a rule the larger of its
 * condition and its recovery condition.
 */
public final class Lookback {

    private static final long WEEK = Duration.ofDays(7).toMillis();

    private Lookback() {
    }

    public static int of(Rule rule, long windowStepMillis) {
        int n = of(rule.condition(), windowStepMillis);
        return rule.recovery() == null ? n : Math.max(n, of(rule.recovery(), windowStepMillis));
    }

    public static int of(Condition condition, long windowStepMillis) {
        if (windowStepMillis <= 0) {
            throw new IllegalArgumentException("window step must be positive, got " + windowStepMillis);
        }
        if (condition instanceof Condition.Change c) {
            return of(c.baseline(), windowStepMillis);
        }
        if (condition instanceof Condition.Significance s) {
            return of(s.baseline(), windowStepMillis);
        }
        if (condition instanceof Condition.Trend t) {
            return Math.max(1, t.windows());
        }
        if (condition instanceof Condition.Stall s) {
            return Math.max(1, s.windows());
        }
        if (condition instanceof Condition.Anomaly a) {
            // a seasonal detector also reads the seasons before its oldest window
            int seasons = a.season() == null ? 0
                    : span(SeasonalResiduals.SEASONS * a.season().length().toMillis(), windowStepMillis);
            return (int) Math.min(Integer.MAX_VALUE - 1, (long) Math.max(1, a.windows()) + seasons);
        }
        if (condition instanceof Condition.Shift s) {
            return ShiftDetector.lookback(s, windowStepMillis);
        }
        if (condition instanceof Condition.All all) {
            return max(all.conditions(), windowStepMillis);
        }
        if (condition instanceof Condition.Any any) {
            return max(any.conditions(), windowStepMillis);
        }
        return 0; // threshold, absent: no history
    }

    static int of(Condition.Baseline baseline, long windowStepMillis) {
        return switch (baseline.kind()) {
            case PREVIOUS_WINDOW -> 1;
            case TRAILING_MEAN -> Math.max(1, baseline.windows());
            case SAME_HOUR_LAST_WEEK -> weeks(1, windowStepMillis);
            case SAME_WEEKDAY -> weeks(Math.max(1, baseline.windows()), windowStepMillis);
        };
    }

    private static int weeks(int weeks, long windowStepMillis) {
        return span(weeks * WEEK, windowStepMillis);
    }

    private static int span(long millis, long windowStepMillis) {
        return (int) Math.min(Integer.MAX_VALUE - 1, (millis + windowStepMillis - 1) / windowStepMillis);
    }

    private static int max(Iterable<Condition> conditions, long windowStepMillis) {
        int n = 0;
        for (Condition c : conditions) {
            n = Math.max(n, of(c, windowStepMillis));
        }
        return n;
    }
}
