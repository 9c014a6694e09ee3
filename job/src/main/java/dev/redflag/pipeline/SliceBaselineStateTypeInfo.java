package dev.redflag.pipeline;

import dev.redflag.flinktypes.ImmutableValueSerializer;
import dev.redflag.rules.eval.SliceBaseline;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink type information for a series' slice baseline in keyed state, in the format the baseline
 * defines ({@link SliceBaseline.State#write}), so it is never left to Kryo.
 */
final class SliceBaselineStateTypeInfo {

    static final TypeInformation<SliceBaseline.State> INFO =
            ImmutableValueSerializer.typeInfo(SliceBaseline.State.class, Serializer.INSTANCE);

    private SliceBaselineStateTypeInfo() {
    }

    static final class Serializer extends ImmutableValueSerializer<SliceBaseline.State> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(SliceBaseline.State state, DataOutputView out) throws IOException {
            state.write(out);
        }

        @Override
        public SliceBaseline.State deserialize(DataInputView in) throws IOException {
            return SliceBaseline.State.read(in);
        }

        @Override
        public TypeSerializerSnapshot<SliceBaseline.State> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot for savepoints; one format version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SliceBaseline.State> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
