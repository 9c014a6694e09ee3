package dev.redflag.kpi;

import dev.redflag.kpi.EventFields.StringField;

import java.io.Serializable;
import java.util.List;

/**
 * One path from events of a type to one window of one windowed KPI, with the KPI's dimension and
 * slice accessors resolved for that type. The extractor walks an array of these per event.
 *
 * @param slices accessors of the KPI's slice dimensions, in its declared order; empty when unsliced
 */
public record KpiRoute(int index, KpiSpec spec, WindowSpec window, long sizeMillis, long slideMillis,
                       KpiInput input, List<StringField> dims, List<StringField> slices) implements Serializable {
}
