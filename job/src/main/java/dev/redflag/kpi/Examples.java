package dev.redflag.kpi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The examples a KPI value carries: the latest of its series, newest first, and for a sliced KPI
 * those of each combination of slice values its window kept, by the combination's name in the
 * KPI's slice order ({@code channel=paid,device=mobile}). A slice's examples are gathered from the
 * combinations it contains ({@link #ofSlice}).
 */
public record Examples(List<Example> series, Map<String, List<Example>> combinations) {

    public static final Examples NONE = new Examples(List.of(), Map.of());

    public Examples {
        series = List.copyOf(series);
        combinations = Map.copyOf(combinations);
    }

    public boolean isEmpty() {
        return series.isEmpty() && combinations.isEmpty();
    }

    /** The name of a combination, as {@link SliceRollup} spells slices: {@code channel=paid,device=mobile}. */
    static String sliceName(List<String> dimensions, String[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dimensions.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(dimensions.get(i)).append('=').append(values[i]);
        }
        return sb.toString();
    }

    /**
     * The latest {@code max} examples of the slice {@code slice} ({@code channel=paid}, or a pair),
     * newest first: those of every combination whose values include the slice's.
     */
    public List<Example> ofSlice(String slice, int max) {
        Set<String> wanted = Set.of(slice.split(","));
        Latest<Example> latest = new Latest<>(Math.max(1, max));
        combinations.forEach((name, examples) -> {
            if (new HashSet<>(List.of(name.split(","))).containsAll(wanted)) {
                examples.forEach(e -> latest.add(e.ts(), e));
            }
        });
        return latest.newestFirst();
    }

    /** The latest {@code max} of the series, newest first. */
    public List<Example> ofSeries(int max) {
        return series.size() <= max ? series : new ArrayList<>(series.subList(0, max));
    }
}
