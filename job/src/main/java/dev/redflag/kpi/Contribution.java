package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What one event adds to one windowed KPI key: the unit that crosses the network between event
 * decoding and window aggregation. The key names the KPI, its window and its dimension values (see
 * {@link KpiKeys}); {@code route} indexes the catalog's routes so the aggregating operator finds
 * the window size without parsing the key (it is never stored in state, so catalog changes across
 * restarts cannot misroute it); {@code value} feeds min/max/last aggregations.
 */
@TypeInfo(ContributionTypeInfo.class)
public record Contribution(String key, int route, long ts, double numerator, double denominator,
                           double value) {
}
