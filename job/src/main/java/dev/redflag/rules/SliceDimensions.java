package dev.redflag.rules;

import dev.redflag.kpi.KpiSpec;

import java.util.List;

/**
 * The dimensions a KPI declares it may be sliced by, against which a rule's {@code slices:} is
 * checked at load. Behind an interface only until {@link KpiSpec} carries the KPI's declared slices
 * (issue 16, item 1); then {@code KpiSpec::slices} is the one implementation.
 */
@FunctionalInterface
interface SliceDimensions {

    /** Nothing is declared yet: every dimension name is taken on trust (and checked only for shape). */
    SliceDimensions NOT_DECLARED = kpi -> null;

    /** The KPI's declared slice dimensions, in its order; null when its definition cannot say. */
    List<String> of(KpiSpec kpi);
}
