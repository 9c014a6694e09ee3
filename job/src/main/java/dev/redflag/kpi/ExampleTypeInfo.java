package dev.redflag.kpi;

import dev.redflag.flinktypes.ImmutableValueSerializer;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink type information for one {@link Example}, where it is a field of a fact or of entity state
 * (the lead funnel's waiting MQLs, the customer ledger's cancellations): the {@link ExampleCodec}
 * form of one example instead of the reflective fallback. A null field is the POJO serializer's.
 */
public final class ExampleTypeInfo extends TypeInfoFactory<Example> {

    @Override
    public TypeInformation<Example> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return ImmutableValueSerializer.typeInfo(Example.class, Serializer.INSTANCE);
    }

    /** Writes the example in its first format. */
    public static final class Serializer extends ImmutableValueSerializer<Example> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(Example example, DataOutputView out) throws IOException {
            ExampleCodec.writeOne(example, out);
        }

        @Override
        public Example deserialize(DataInputView in) throws IOException {
            return ExampleCodec.readOne(in);
        }

        @Override
        public TypeSerializerSnapshot<Example> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the first format; a later one moves to a {@code VersionedValueSnapshot}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Example> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
