package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples of one window of one series: the latest {@code max} of the series, and for a sliced
 * KPI the latest {@code max} of each combination of slice values its {@link SliceTable} keeps
 * (combinations beyond the table's cap share the other one's), so at most (cap + 2) × max examples.
 * Filled from contributions (a pane's examples at a time), never from single events.
 *
 * <p>It records the slice dimensions it was built for, as the slice table does, so that a window
 * restored after the KPI's slices changed does not name its examples' slices wrongly.
 */
@TypeInfo(ExampleTableTypeInfo.class)
public final class ExampleTable {

    private final int max;
    private final String dimensions;
    private final Latest<Example> series;
    private final Map<String, Latest<Example>> bySlice;

    ExampleTable(int max, String dimensions, Latest<Example> series, Map<String, Latest<Example>> bySlice) {
        this.max = max;
        this.dimensions = dimensions;
        this.series = series;
        this.bySlice = bySlice;
    }

    /** An empty table keeping {@code max} examples, per slice combination of {@code dimensions} too. */
    public static ExampleTable of(int max, List<String> dimensions) {
        return new ExampleTable(max, SliceTable.signature(dimensions), new Latest<>(max), new HashMap<>());
    }

    /** Adds examples of the slice combination {@code sliceKey} ({@link SliceKey#NONE} when unsliced). */
    public void add(String sliceKey, List<Example> examples) {
        Latest<Example> slice = null;
        if (!sliceKey.isEmpty()) {
            slice = bySlice.computeIfAbsent(sliceKey, k -> new Latest<>(max));
        }
        for (Example e : examples) {
            series.add(e.ts(), e);
            if (slice != null) {
                slice.add(e.ts(), e);
            }
        }
    }

    public int max() {
        return max;
    }

    public String dimensions() {
        return dimensions;
    }

    Latest<Example> series() {
        return series;
    }

    Map<String, Latest<Example>> bySlice() {
        return Collections.unmodifiableMap(bySlice);
    }

    /**
     * What the window's value carries: the series' examples, and each combination's under its slice
     * name ({@code channel=paid,device=mobile}) when the table was built for {@code dimensions}.
     */
    public Examples toExamples(List<String> dimensions) {
        Map<String, List<Example>> combinations = new HashMap<>();
        if (!dimensions.isEmpty() && this.dimensions.equals(SliceTable.signature(dimensions))) {
            bySlice.forEach((key, latest) -> {
                String[] values = SliceKey.values(key, dimensions.size());
                if (values != null) {
                    combinations.put(Examples.sliceName(dimensions, values), latest.newestFirst());
                }
            });
        }
        return new Examples(series.newestFirst(), combinations);
    }

    ExampleTable copy() {
        Map<String, Latest<Example>> copied = new HashMap<>(bySlice.size() * 2);
        bySlice.forEach((k, v) -> copied.put(k, v.copy()));
        return new ExampleTable(max, dimensions, series.copy(), copied);
    }
}
