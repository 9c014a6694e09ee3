package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.TypeInfo;

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
 */
@TypeInfo(ContributionTypeInfo.class)
public record Contribution(String key, int route, long ts, double numerator, double denominator,
                           double value, long samples) {

    /** The contribution of one event. */
    public Contribution(String key, int route, long ts, double numerator, double denominator, double value) {
        this(key, route, ts, numerator, denominator, value, 1);
    }
}
