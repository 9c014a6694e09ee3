package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.List;

/**
 * What one or more events add to one windowed KPI key: the unit that crosses the network between
 * event decoding and window aggregation. The key names the KPI, its window and its dimension values
 * (see {@link KpiKeys}); {@code route} indexes the catalog's routes so the aggregating operator
 * finds the window size without parsing the key (it is never stored in state, so catalog changes
 * across restarts cannot misroute it); {@code value} feeds min/max/last aggregations.
 *
 * <p>{@code samples} events stand behind it: one as the extractor makes it, more once
 * {@link ContributionCombiner} has merged the contributions of one pane of one key. {@code ts} is
 * then the latest event time among them, which lies in the same pane, so it falls into the same
 * windows, and is the time of {@code value} for a LAST aggregation.
 *
 * <p>The second moments of the events' contributions (Σa², Σab, Σb² with a the numerator and b
 * the denominator contribution of each event) travel with the sums, because they cannot be
 * recovered from sums once events are merged; the window operator uses them to say how much the
 * KPI value varies (see {@link KpiValue}).
 *
 * <p>{@code slice} is the {@link SliceKey} of the event's values of the KPI's slice dimensions,
 * {@link SliceKey#NONE} for a KPI that is not sliced: one string rather than a list or map, so
 * an unsliced KPI's contribution costs one shared empty string and a sliced one a single string.
 *
 * <p>{@code examples} are the latest of its events that illustrate the KPI's problem (its
 * {@link ExampleSpec}), at most the KPI's {@code max}; empty (one shared list) for most.
 */
@TypeInfo(ContributionTypeInfo.class)
public record Contribution(String key, int route, long ts, double numerator, double denominator,
                           double value, long samples, double numeratorSquares, double crossProducts,
                           double denominatorSquares, String slice, List<Example> examples) {

    /** Merged contributions with no examples. */
    public Contribution(String key, int route, long ts, double numerator, double denominator, double value,
                        long samples, double numeratorSquares, double crossProducts, double denominatorSquares,
                        String slice) {
        this(key, route, ts, numerator, denominator, value, samples, numeratorSquares, crossProducts,
                denominatorSquares, slice, List.of());
    }

    /** Merged contributions to a KPI that is not sliced. */
    public Contribution(String key, int route, long ts, double numerator, double denominator, double value,
                        long samples, double numeratorSquares, double crossProducts, double denominatorSquares) {
        this(key, route, ts, numerator, denominator, value, samples, numeratorSquares, crossProducts,
                denominatorSquares, SliceKey.NONE);
    }

    /** The contribution of one event: its second moments are its own squares and product. */
    public Contribution(String key, int route, long ts, double numerator, double denominator, double value) {
        this(key, route, ts, numerator, denominator, value, SliceKey.NONE);
    }

    /** The contribution of one event of the slice {@code slice}. */
    public Contribution(String key, int route, long ts, double numerator, double denominator, double value,
                        String slice) {
        this(key, route, ts, numerator, denominator, value, 1, numerator * numerator, numerator * denominator,
                denominator * denominator, slice, List.of());
    }

    public boolean isSliced() {
        return !slice.isEmpty();
    }
}
