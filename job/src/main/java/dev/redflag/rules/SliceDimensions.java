package dev.redflag.rules;

import dev.redflag.kpi.KpiSpec;

import java.util.List;

/**
 * The dimensions a KPI declares it may be sliced by, against which a rule's {@code slices:} is
 * checked at load: {@code KpiSpec::slices} in the loader, another answer in tests of the reader.
 */
@FunctionalInterface
interface SliceDimensions {

    /** The KPI's declared slice dimensions, in its order; null when its definition cannot say. */
    List<String> of(KpiSpec kpi);
}
