package dev.redflag.kpi;

import java.io.Serializable;
import java.util.List;

/**
 * A KPI as the job computes it: its name, how it aggregates, its dimensions and windows, and for
 * windowed KPIs the event inputs that feed it.
 *
 * @param unit  what the value measures, for people: ratio, points, currency, hours, count, value
 * @param scale factor applied to ratio and mean values (NPS is a ratio scaled to points)
 */
public record KpiSpec(String name, String description, KpiFamily family, Aggregation aggregation,
                      double scale, String unit, List<String> by, List<WindowSpec> windows,
                      List<KpiInput> inputs) implements Serializable {

    public KpiSpec {
        by = List.copyOf(by);
        windows = List.copyOf(windows);
        inputs = List.copyOf(inputs);
    }

    public KpiSpec withDimsAndWindows(List<String> newBy, List<WindowSpec> newWindows,
                                      List<KpiInput> newInputs) {
        return new KpiSpec(name, description, family, aggregation, scale, unit, newBy, newWindows,
                newInputs);
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
