package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slices of one window of one series, at their finest: sums per combination of the values of
 * every slice dimension, keyed by {@link SliceKey}. Bounded: once {@code cap} combinations are
 * held, a combination not seen yet is summed into the one whose values are all {@link Slice#OTHER},
 * so the table holds at most cap + 1 entries and its sums still add up to the window's own.
 *
 * <p>Combinations are kept in the order they first arrive rather than by volume: at the cap the
 * table cannot know which newcomer will grow, and the large slices of a window show up in its first
 * minutes. The one- and two-dimension slices a value carries are derived from it at emission
 * ({@link SliceRollup}).
 *
 * <p>It records the dimensions it was built for, so that a window restored after the KPI's slices
 * were changed is not read with the wrong names.
 */
@TypeInfo(SliceTableTypeInfo.class)
public final class SliceTable {

    private final String dimensions;
    private final int arity;
    private final Map<String, SliceSums> sums;
    /** Made when first needed: most tables never reach their cap. */
    private String otherKey;

    private SliceTable(String dimensions, int arity, Map<String, SliceSums> sums) {
        this.dimensions = dimensions;
        this.arity = arity;
        this.sums = sums;
    }

    /** An empty table for a KPI sliced by {@code dimensions}. */
    public static SliceTable of(List<String> dimensions) {
        return new SliceTable(signature(dimensions), dimensions.size(), new HashMap<>());
    }

    /** A table restored from state: {@code dimensions} as {@link #dimensions()} gave it. */
    static SliceTable restored(String dimensions, Map<String, SliceSums> sums) {
        int arity = dimensions.isEmpty() ? 0 : dimensions.split(",", -1).length;
        return new SliceTable(dimensions, arity, sums);
    }

    /** The slice dimensions joined by commas, as the table spells them in state. */
    public static String signature(List<String> dimensions) {
        return String.join(",", dimensions);
    }

    /** Adds merged contributions of the combination {@code key}; beyond {@code cap} combinations, to other. */
    public void add(String key, int cap, double num, double den, long count, double numSquares, double cross,
                    double denSquares) {
        SliceSums s = sums.get(key);
        if (s == null) {
            String target = kept(cap) < cap ? key : otherKey();
            s = sums.computeIfAbsent(target, k -> new SliceSums());
        }
        s.add(num, den, count, numSquares, cross, denSquares);
    }

    /** Combinations held one by one: below the cap every entry counts, at the cap all but the other bucket. */
    private int kept(int cap) {
        return sums.size() < cap ? sums.size() : sums.size() - (sums.containsKey(otherKey()) ? 1 : 0);
    }

    private String otherKey() {
        if (otherKey == null) {
            otherKey = SliceKey.other(arity);
        }
        return otherKey;
    }

    public String dimensions() {
        return dimensions;
    }

    /** Whether the table was built for these dimensions, in this order. */
    public boolean isFor(List<String> slices) {
        return dimensions.equals(signature(slices));
    }

    /** Sums by {@link SliceKey}; not to be modified. */
    public Map<String, SliceSums> sums() {
        return Collections.unmodifiableMap(sums);
    }

    SliceTable copy() {
        Map<String, SliceSums> copied = new HashMap<>(sums.size() * 2);
        sums.forEach((k, v) -> copied.put(k, v.copy()));
        return new SliceTable(dimensions, arity, copied);
    }
}
