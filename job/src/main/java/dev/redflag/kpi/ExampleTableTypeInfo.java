package dev.redflag.kpi;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * Flink type information for {@link ExampleTable}, a field of the window state
 * ({@link WindowAccumulator}) added after slices: windows saved before it come back without
 * examples through POJO schema evolution. A fixed-order serializer and a deep copy, because the
 * table is mutable.
 *
 * <p>Format: max, the dimensions string, the series' examples ({@link ExampleCodec}), the number of
 * slice combinations, then per combination its {@link SliceKey} and examples.
 */
public final class ExampleTableTypeInfo extends TypeInfoFactory<ExampleTable> {

    @Override
    public TypeInformation<ExampleTable> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return new GenericTypeInfo<>(ExampleTable.class) {
            @Override
            public TypeSerializer<ExampleTable> createSerializer(SerializerConfig config) {
                return Serializer.INSTANCE;
            }
        };
    }

    /** Writes the table in its first format. */
    public static final class Serializer extends TypeSerializerSingleton<ExampleTable> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public ExampleTable createInstance() {
            return ExampleTable.of(1, java.util.List.of());
        }

        @Override
        public ExampleTable copy(ExampleTable from) {
            return from.copy();
        }

        @Override
        public ExampleTable copy(ExampleTable from, ExampleTable reuse) {
            return from.copy();
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(ExampleTable table, DataOutputView out) throws IOException {
            out.writeInt(table.max());
            StringValue.writeString(table.dimensions(), out);
            ExampleCodec.write(table.series(), out);
            out.writeInt(table.bySlice().size());
            for (Map.Entry<String, Latest<Example>> e : table.bySlice().entrySet()) {
                StringValue.writeString(e.getKey(), out);
                ExampleCodec.write(e.getValue(), out);
            }
        }

        @Override
        public ExampleTable deserialize(DataInputView in) throws IOException {
            int max = in.readInt();
            String dimensions = StringValue.readString(in);
            Latest<Example> series = ExampleCodec.readLatest(max, in);
            int n = in.readInt();
            Map<String, Latest<Example>> bySlice = new HashMap<>(Math.max(4, n * 2));
            for (int i = 0; i < n; i++) {
                bySlice.put(StringValue.readString(in), ExampleCodec.readLatest(max, in));
            }
            return new ExampleTable(max, dimensions, series, bySlice);
        }

        @Override
        public ExampleTable deserialize(ExampleTable reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<ExampleTable> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the serializer's first format; a later one moves to a {@code VersionedValueSnapshot}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ExampleTable> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
