package dev.redflag.nab;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.eval.SeriesHistory;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink shell around {@link DetectorScores}, keyed by KPI series like the job's rule operator:
 * it keeps the series' history in keyed state and emits every detector's score of every value.
 */
public final class ScoreFunction extends KeyedProcessFunction<String, KpiValue, ScoreFunction.ValueScores> {

    /** The scores of one KPI value. */
    public record ValueScores(String kpi, long windowStart, double[] scores) {
    }

    private final List<Condition.Anomaly> detectors;
    private final HashMap<String, Long> steps;

    private transient ValueState<SeriesHistory> history;

    /** @param steps the window step of each KPI, in millis */
    public ScoreFunction(List<Condition.Anomaly> detectors, Map<String, Long> steps) {
        this.detectors = List.copyOf(detectors);
        this.steps = new HashMap<>(steps);
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history",
                TypeInformation.of(SeriesHistory.class)));
    }

    @Override
    public void processElement(KpiValue value, Context ctx, Collector<ValueScores> out) throws Exception {
        SeriesHistory h = history.value();
        if (h == null) {
            h = DetectorScores.history(detectors, steps.get(value.kpi()));
        }
        out.collect(new ValueScores(value.kpi(), value.windowStart(), DetectorScores.next(detectors, h, value)));
        history.update(h);
    }
}
