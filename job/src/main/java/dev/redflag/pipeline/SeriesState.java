package dev.redflag.pipeline;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.eval.SeriesHistory;
import dev.redflag.rules.eval.SliceBaseline;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

import java.util.List;

/**
 * What the rule evaluation keeps of a series besides its alerts, in one keyed-state entry: its
 * latest value (without its slices and examples), the history of its judged values and its slice
 * baseline, each null until first written. One entry is one read and one write in RocksDB per
 * value; the three states it replaces were three of each, and at a million series those calls were
 * most of the rule evaluation's time.
 *
 * <p>A Flink POJO (public fields, a public no-argument constructor) whose fields use the serializers
 * the three states used, so its savepoint format evolves as Flink's POJO serializer allows.
 */
public final class SeriesState {

    /** The type information of the state, with each field's serializer named rather than inferred. */
    static final TypeInformation<SeriesState> INFO = typeInfo();

    public KpiValue last;
    public SeriesHistory history;
    public SliceBaseline.State slices;

    public SeriesState() {
    }

    SeriesState(KpiValue last, SeriesHistory history, SliceBaseline.State slices) {
        this.last = last;
        this.history = history;
        this.slices = slices;
    }

    private static TypeInformation<SeriesState> typeInfo() {
        try {
            return new PojoTypeInfo<>(SeriesState.class, List.of(
                    new PojoField(SeriesState.class.getField("last"), TypeInformation.of(KpiValue.class)),
                    new PojoField(SeriesState.class.getField("history"), TypeInformation.of(SeriesHistory.class)),
                    new PojoField(SeriesState.class.getField("slices"), SliceBaselineStateTypeInfo.INFO)));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
