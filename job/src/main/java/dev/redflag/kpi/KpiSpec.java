package dev.redflag.kpi;

import java.io.Serializable;
import java.util.List;

/**
 * A KPI as the job computes it: its name, how it aggregates, its dimensions and windows, for
 * windowed KPIs the event inputs that feed it, and the dimensions its series may be sliced by.
 *
 * @param unit      what the value measures, for people: ratio, points, currency, hours, count, value
 * @param scale     factor applied to ratio and mean values (NPS is a ratio scaled to points)
 * @param slices    event fields or dims each series is split by (see {@link Slice}), in the order
 *                  slice names spell them; empty when the KPI is not sliced
 * @param maxSlices at most this many combinations of slice values are kept per series and window,
 *                  and at most this many slices per dimension or pair are emitted; the rest are
 *                  summed into {@code other}
 * @param examples  which events illustrate a problem, kept per window and shown on alerts
 *                  ({@link ExampleSpec#NONE} when the KPI declares none)
 */
public record KpiSpec(String name, String description, KpiFamily family, Aggregation aggregation,
                      double scale, String unit, List<String> by, List<WindowSpec> windows,
                      List<KpiInput> inputs, List<String> slices, int maxSlices, ExampleSpec examples)
        implements Serializable {

    /** Combinations of slice values kept per series and window unless {@code max_slices} says otherwise. */
    public static final int DEFAULT_MAX_SLICES = 32;

    public KpiSpec {
        by = List.copyOf(by);
        windows = List.copyOf(windows);
        inputs = List.copyOf(inputs);
        slices = List.copyOf(slices);
        examples = examples == null ? ExampleSpec.NONE : examples;
        if (maxSlices < 1) {
            throw new IllegalArgumentException("maxSlices must be at least 1, got " + maxSlices);
        }
    }

    /** A KPI without examples. */
    public KpiSpec(String name, String description, KpiFamily family, Aggregation aggregation,
                   double scale, String unit, List<String> by, List<WindowSpec> windows,
                   List<KpiInput> inputs, List<String> slices, int maxSlices) {
        this(name, description, family, aggregation, scale, unit, by, windows, inputs, slices, maxSlices,
                ExampleSpec.NONE);
    }

    /** A KPI that is not sliced. */
    public KpiSpec(String name, String description, KpiFamily family, Aggregation aggregation,
                   double scale, String unit, List<String> by, List<WindowSpec> windows,
                   List<KpiInput> inputs) {
        this(name, description, family, aggregation, scale, unit, by, windows, inputs, List.of(),
                DEFAULT_MAX_SLICES);
    }

    public KpiSpec withDimsAndWindows(List<String> newBy, List<WindowSpec> newWindows,
                                      List<KpiInput> newInputs) {
        return new KpiSpec(name, description, family, aggregation, scale, unit, newBy, newWindows,
                newInputs, slices, maxSlices, examples);
    }

    public KpiSpec withSlices(List<String> newSlices, int newMaxSlices) {
        return new KpiSpec(name, description, family, aggregation, scale, unit, by, windows, inputs,
                newSlices, newMaxSlices, examples);
    }

    public KpiSpec withExamples(ExampleSpec newExamples) {
        return new KpiSpec(name, description, family, aggregation, scale, unit, by, windows, inputs, slices,
                maxSlices, newExamples);
    }

    public boolean isSliced() {
        return !slices.isEmpty();
    }

    public WindowSpec window(String label) {
        for (WindowSpec w : windows) {
            if (w.label().equals(label)) {
                return w;
            }
        }
        throw new IllegalArgumentException("KPI " + name + " has no window " + label);
    }
}
