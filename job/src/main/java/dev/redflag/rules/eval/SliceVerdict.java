package dev.redflag.rules.eval;

import java.util.List;
import java.util.Optional;

/**
 * The slices of one window judged under a rule's {@code slices:}: those that moved, most evident
 * first, and what they were held to.
 *
 * @param moved     slices whose z reached {@code threshold} and whose change reached the rule's minimum
 * @param tested    how many slices were judged (those with a baseline and enough in the window)
 * @param tests     how many stretches that made: each slice's window and the pooled resolutions tried
 * @param threshold the z each had to reach: the series' own, raised for {@code tests} tests
 * @param alpha     the one-sided chance per test under no change, α / tests
 */
public record SliceVerdict(List<SliceShift> moved, int tested, int tests, double threshold, double alpha) {

    public static final SliceVerdict NONE = new SliceVerdict(List.of(), 0, 0, Double.NaN, Double.NaN);

    public SliceVerdict {
        moved = List.copyOf(moved);
    }

    /** The slice to name on the parent's alert: the most evident that moved. */
    public Optional<SliceShift> top() {
        return moved.isEmpty() ? Optional.empty() : Optional.of(moved.get(0));
    }
}
