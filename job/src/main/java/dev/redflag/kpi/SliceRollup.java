package dev.redflag.kpi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slices a KPI value carries, derived from its window's {@link SliceTable}: for each slice
 * dimension the slices of its values (the table's sums added up over the other dimensions), then
 * for each pair of dimensions the slices of their value pairs, in the KPI's declared order
 * ({@code channel} before {@code device}, so {@code channel=paid,device=mobile}). Combinations of
 * three or more dimensions are not reported: they are what the table keeps, not what is read.
 *
 * <p>Within a dimension or pair, slices come by volume (the denominator: sessions for a bounce
 * rate, events for counts and sums; then samples, then name), and {@code dim=other} last, holding
 * what the table summed beyond its cap. Each dimension's or pair's slices add up to the window's
 * sums. No further top-k is applied: a dimension or pair has at most as many slices as the table
 * has combinations, which the cap already bounds.
 */
public final class SliceRollup {

    private static final Comparator<Map.Entry<String, SliceSums>> BY_VOLUME =
            Comparator.<Map.Entry<String, SliceSums>>comparingDouble(e -> -e.getValue().denominator)
                    .thenComparingLong(e -> -e.getValue().samples)
                    .thenComparing(Map.Entry::getKey);

    private SliceRollup() {
    }

    /** The slices of a window of a KPI sliced by {@code dimensions}; empty when the table is absent or stale. */
    public static List<Slice> slices(List<String> dimensions, SliceTable table) {
        if (table == null || dimensions.isEmpty() || !table.isFor(dimensions)) {
            return List.of();
        }
        int arity = dimensions.size();
        List<String[]> values = new ArrayList<>(table.sums().size());
        List<SliceSums> sums = new ArrayList<>(table.sums().size());
        table.sums().forEach((key, s) -> {
            String[] v = SliceKey.values(key, arity);
            if (v != null) {
                values.add(v);
                sums.add(s);
            }
        });
        List<Slice> out = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            group(new int[] {i}, dimensions, values, sums, out);
        }
        for (int i = 0; i < arity; i++) {
            for (int j = i + 1; j < arity; j++) {
                group(new int[] {i, j}, dimensions, values, sums, out);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The slices of one dimension or pair: the table's sums added up by their values of {@code dims}.
     * A table of one combination (a window of a sparse series, one event or one slice of them) has
     * one slice per group, which needs no adding up or sorting.
     */
    private static void group(int[] dims, List<String> names, List<String[]> values, List<SliceSums> sums,
                              List<Slice> out) {
        if (values.size() == 1) {
            SliceSums only = new SliceSums();
            only.add(sums.get(0)); // summed from zero as below, so a -0.0 reads the same either way
            out.add(only.toSlice(name(dims, names, values.get(0))));
            return;
        }
        String other = name(dims, names, null);
        Map<String, SliceSums> byName = new HashMap<>();
        for (int r = 0; r < values.size(); r++) {
            byName.computeIfAbsent(name(dims, names, values.get(r)), k -> new SliceSums()).add(sums.get(r));
        }
        SliceSums rest = byName.remove(other);
        List<Map.Entry<String, SliceSums>> ranked = new ArrayList<>(byName.entrySet());
        ranked.sort(BY_VOLUME);
        for (Map.Entry<String, SliceSums> e : ranked) {
            out.add(e.getValue().toSlice(e.getKey()));
        }
        if (rest != null) {
            out.add(rest.toSlice(other));
        }
    }

    /** {@code channel=paid,device=mobile}; with no values, the group's other slice. */
    private static String name(int[] dims, List<String> names, String[] values) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(names.get(d)).append('=').append(values == null ? Slice.OTHER : values[d]);
        }
        return sb.toString();
    }
}
