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
 * a series found there is moved into its {@link SeriesState} at its next value, or with every other
 * one of the subtask when the next rule set arrives ({@link #moveCurrent}).
 */
final class ThreeStateSeriesLayout {

    /** The state every series of the old layout has, to visit them all. */
    final ValueStateDescriptor<KpiValue> lastDescriptor =
            new ValueStateDescriptor<>("last", TypeInformation.of(KpiValue.class));
    private final ValueState<KpiValue> last;
    private final ValueState<SeriesHistory> history;
    private final ValueState<SliceBaseline.State> slices;

    ThreeStateSeriesLayout(RuntimeContext context) {
        last = context.getState(lastDescriptor);
        history = context.getState(new ValueStateDescriptor<>("history", TypeInformation.of(SeriesHistory.class)));
        slices = context.getState(new ValueStateDescriptor<>("slices", SliceBaselineStateTypeInfo.INFO));
    }

    /**
     * The current key's series in the old layout, or null when it has none there. Its latest value
     * is checked first: the old layout wrote a history and a baseline only after a latest value.
     * Versions before 2026-12-06 kept that value with its slices and examples, which no step reads.
     */
    SeriesState read() throws Exception {
        KpiValue latest = last.value();
        return latest == null ? null : new SeriesState(latest.withoutDetail(), history.value(), slices.value());
    }

    /**
     * Moves the current key's series, if the old layout holds it, into {@code series}, unless that
     * already holds one (which a series moved at a value would not leave behind, but the newer
     * state wins if both exist), and drops it from the old layout.
     */
    void moveCurrent(ValueState<SeriesState> series) throws Exception {
        SeriesState old = read();
        if (old == null) {
            return;
        }
        if (series.value() == null) {
            series.update(old);
        }
        clear();
    }

    /** Drops the current key's series from the old layout, once it lives in its {@link SeriesState}. */
    void clear() {
        last.clear();
        history.clear();
        slices.clear();
    }
}
