package dev.redflag.rules.eval;

import java.util.List;
import java.util.Optional;

/**
 * The slices of one window judged under a rule's {@code slices:}: those that moved, most evident
 * first, and what they were held to.
 *
 * @param moved     slices whose z reached {@code threshold} and whose change reached the rule's minimum
 * @param tested    how many slices were judged (those with a baseline and enough in the window)
 * @param threshold the z each had to reach: the series' own, raised for {@code tested} slices
 * @param alpha     the one-sided chance per slice under no change, α / tested
 */
public record SliceVerdict(List<SliceShift> moved, int tested, double threshold, double alpha) {

    public static final SliceVerdict NONE = new SliceVerdict(List.of(), 0, Double.NaN, Double.NaN);

    public SliceVerdict {
        moved = List.copyOf(moved);
    }

    /** The slice to name on the parent's alert: the most evident that moved. */
    public Optional<SliceShift> top() {
        return moved.isEmpty() ? Optional.empty() : Optional.of(moved.get(0));
    }
}
