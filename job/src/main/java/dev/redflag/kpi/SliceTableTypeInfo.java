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
 * Flink type information for {@link SliceTable}, a field of the window state
 * ({@link WindowAccumulator}): a fixed-order serializer instead of Kryo, and a deep copy, because
 * the table is mutable and the heap backend copies state it snapshots while it changes.
 *
 * <p>Format: the dimensions string, the number of entries, then per entry its {@link SliceKey} and
 * six numbers (numerator, denominator, samples, Σa², Σab, Σb²): 48 bytes plus the key.
 */
public final class SliceTableTypeInfo extends TypeInfoFactory<SliceTable> {

    @Override
    public TypeInformation<SliceTable> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return new GenericTypeInfo<>(SliceTable.class) {
            @Override
            public TypeSerializer<SliceTable> createSerializer(SerializerConfig config) {
                return Serializer.INSTANCE;
            }
        };
    }

    /** Writes the table in its first format; a later one moves the snapshot to a versioned one. */
    public static final class Serializer extends TypeSerializerSingleton<SliceTable> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public SliceTable createInstance() {
            return SliceTable.restored("", new HashMap<>());
        }

        @Override
        public SliceTable copy(SliceTable from) {
            return from.copy();
        }

        @Override
        public SliceTable copy(SliceTable from, SliceTable reuse) {
            return from.copy();
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(SliceTable table, DataOutputView out) throws IOException {
            StringValue.writeString(table.dimensions(), out);
            out.writeInt(table.sums().size());
            for (Map.Entry<String, SliceSums> e : table.sums().entrySet()) {
                SliceSums s = e.getValue();
                StringValue.writeString(e.getKey(), out);
                out.writeDouble(s.numerator);
                out.writeDouble(s.denominator);
                out.writeLong(s.samples);
                out.writeDouble(s.numeratorSquares);
                out.writeDouble(s.crossProducts);
                out.writeDouble(s.denominatorSquares);
            }
        }

        @Override
        public SliceTable deserialize(DataInputView in) throws IOException {
            String dimensions = StringValue.readString(in);
            int n = in.readInt();
            Map<String, SliceSums> sums = new HashMap<>(Math.max(4, n * 2));
            for (int i = 0; i < n; i++) {
                sums.put(StringValue.readString(in), new SliceSums(in.readDouble(), in.readDouble(), in.readLong(),
                        in.readDouble(), in.readDouble(), in.readDouble()));
            }
            return SliceTable.restored(dimensions, sums);
        }

        @Override
        public SliceTable deserialize(SliceTable reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<SliceTable> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the serializer's first format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SliceTable> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
