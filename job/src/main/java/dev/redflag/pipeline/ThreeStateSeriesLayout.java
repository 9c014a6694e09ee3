package dev.redflag.pipeline;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.eval.SeriesHistory;
import dev.redflag.rules.eval.SliceBaseline;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The rule evaluation's keyed state as versions before {@link SeriesState} kept it, three states per
 * series ({@code last}, {@code history}, {@code slices}), for a job restored from such a savepoint:
 * a series found there is read once and moved into its {@link SeriesState}.
 */
final class ThreeStateSeriesLayout {

    final ValueStateDescriptor<SliceBaseline.State> slicesDescriptor =
            new ValueStateDescriptor<>("slices", SliceBaselineStateTypeInfo.INFO);
    private final ValueState<KpiValue> last;
    private final ValueState<SeriesHistory> history;
    private final ValueState<SliceBaseline.State> slices;

    ThreeStateSeriesLayout(RuntimeContext context) {
        last = context.getState(new ValueStateDescriptor<>("last", TypeInformation.of(KpiValue.class)));
        history = context.getState(new ValueStateDescriptor<>("history", TypeInformation.of(SeriesHistory.class)));
        slices = context.getState(slicesDescriptor);
    }

    /**
     * The current key's series in the old layout, or null when it has none there. Its latest value
     * is checked first: the old layout wrote a history and a baseline only after a latest value.
     */
    SeriesState read() throws Exception {
        KpiValue latest = last.value();
        return latest == null ? null : new SeriesState(latest, history.value(), slices.value());
    }

    /** Drops the current key's series from the old layout, once it lives in its {@link SeriesState}. */
    void clear() {
        last.clear();
        history.clear();
        slices.clear();
    }
}
