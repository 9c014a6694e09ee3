package dev.redflag.scorecard;

import dev.redflag.kpi.Aggregation;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one series a scenario generates: its KPI's hourly window, with a value for each of the KPI's
 * dimensions, and how window sums become the {@link KpiValue} the KPI's operator would emit.
 */
record GeneratedSeries(String kpi, String window, SortedMap<String, String> dims, double scale, boolean ratio) {

    static final WindowSpec HOURLY = WindowSpec.tumbling(Duration.ofHours(1));

    /** Dimension values that read like a real series; any other dimension is given its own name. */
    private static final Map<String, String> DIM_VALUES = Map.of("tenant", "acme", "page", "/pricing",
            "channel", "paid_search", "segment", "smb", "campaign", "spring", "team", "support");

    /**
     * The series of {@code spec} in its 1h tumbling window.
     *
     * @throws IllegalArgumentException when the KPI has no 1h window, or is neither a ratio nor a count or sum
     */
    static GeneratedSeries of(KpiSpec spec) {
        if (spec.windows().stream().noneMatch(HOURLY::equals)) {
            throw new IllegalArgumentException("KPI " + spec.name() + " has no 1h window (windows: "
                    + spec.windows().stream().map(WindowSpec::label).toList() + ")");
        }
        Aggregation aggregation = spec.aggregation();
        if (!aggregation.isRatio() && aggregation != Aggregation.COUNT && aggregation != Aggregation.SUM) {
            throw new IllegalArgumentException("KPI " + spec.name() + " aggregates by " + aggregation
                    + "; the scorecard generates ratios, counts and sums");
        }
        SortedMap<String, String> dims = new TreeMap<>();
        for (String dim : spec.by()) {
            dims.put(dim, DIM_VALUES.getOrDefault(dim, dim));
        }
        return new GeneratedSeries(spec.name(), HOURLY.label(), Collections.unmodifiableSortedMap(dims),
                spec.scale(), aggregation.isRatio());
    }

    /**
     * The value of the window [start, end) with these sums; null when the operator emits none (no
     * event). A ratio window with a numerator but no denominator (SQLs in an hour without MQLs) is
     * emitted without a value, as the funnel operator does, so that detection sees every SQL.
     */
    KpiValue value(long start, long end, Sums s) {
        boolean empty = ratio ? s.denominator() <= 0 && s.numerator() == 0 : s.sample() == 0;
        if (empty) {
            return null;
        }
        double value = !ratio ? s.numerator()
                : s.denominator() > 0 ? scale * s.numerator() / s.denominator() : Double.NaN;
        double numerator = ratio ? s.numerator() : Double.NaN;
        double denominator = ratio ? s.denominator() : Double.NaN;
        return new KpiValue(kpi, window, dims, start, end, value, numerator, denominator, s.sample(),
                s.numeratorSquares(), s.crossProducts(), s.denominatorSquares());
    }
}
