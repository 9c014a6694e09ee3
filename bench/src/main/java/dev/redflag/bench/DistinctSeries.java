package dev.redflag.bench;

import dev.redflag.kpi.KpiValue;
import org.apache.flink.api.common.accumulators.IntCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Passes KPI values through and counts the distinct series (KPI, window, dims) among them in an
 * accumulator. A series' values all come from the one subtask that owns its key, so the subtasks'
 * counts add up to the job's. One set entry per series, not per value: the state cost per series
 * divides by this.
 */
final class DistinctSeries extends RichMapFunction<KpiValue, KpiValue> {

    private final String name;
    private transient IntCounter counter;
    private transient Set<SeriesKey> seen;

    private record SeriesKey(String kpi, String window, Map<String, String> dims) {
    }

    DistinctSeries(String name) {
        this.name = name;
    }

    @Override
    public void open(OpenContext context) {
        counter = new IntCounter();
        seen = new HashSet<>();
        getRuntimeContext().addAccumulator(name, counter);
    }

    @Override
    public KpiValue map(KpiValue value) {
        if (seen.add(new SeriesKey(value.kpi(), value.window(), value.dims()))) {
            counter.add(1);
        }
        return value;
    }
}
