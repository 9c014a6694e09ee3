package dev.redflag.rules;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Periods of time that baselines leave out (holidays, campaigns), from the calendar file: a value
 * whose window overlaps one is never learned from, though it is still judged.
 *
 * @param periods each period as {@code [from, to)} in epoch millis, sorted by start
 * @param reasons what each period is, for messages
 */
public record ExcludedPeriods(List<long[]> periods, List<String> reasons) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final ExcludedPeriods NONE = new ExcludedPeriods(List.of(), List.of());

    public ExcludedPeriods {
        periods = periods.stream().map(p -> new long[] {p[0], p[1]})
                .sorted((x, y) -> Long.compare(x[0], y[0])).toList();
        reasons = List.copyOf(reasons);
    }

    /** Whether {@code [start, end)} overlaps an excluded period. */
    public boolean overlaps(long start, long end) {
        for (long[] p : periods) {
            if (p[0] >= end) {
                return false;
            }
            if (p[1] > start) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return periods.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExcludedPeriods other) || other.periods.size() != periods.size()) {
            return false;
        }
        for (int i = 0; i < periods.size(); i++) {
            if (!Arrays.equals(periods.get(i), other.periods.get(i))) {
                return false;
            }
        }
        return reasons.equals(other.reasons);
    }

    @Override
    public int hashCode() {
        int h = reasons.hashCode();
        for (long[] p : periods) {
            h = 31 * h + Arrays.hashCode(p);
        }
        return h;
    }
}
