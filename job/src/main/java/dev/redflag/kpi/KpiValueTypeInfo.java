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

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flink type information for {@link KpiValue}: a hand-written serializer instead of the reflective
 * fallback, which is slower and does not keep the dims map sorted. Registered on the record with
 * {@code @TypeInfo}, so every stream of KPI values uses it.
 */
public final class KpiValueTypeInfo extends TypeInfoFactory<KpiValue> {

    @Override
    public TypeInformation<KpiValue> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return new GenericTypeInfo<>(KpiValue.class) {
            @Override
            public TypeSerializer<KpiValue> createSerializer(SerializerConfig config) {
                return Serializer.INSTANCE;
            }
        };
    }

    /** Writes the fields in order; dims as a count and sorted name/value pairs. */
    public static final class Serializer extends TypeSerializerSingleton<KpiValue> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public KpiValue createInstance() {
            return null;
        }

        @Override
        public KpiValue copy(KpiValue from) {
            return from;
        }

        @Override
        public KpiValue copy(KpiValue from, KpiValue reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(KpiValue v, DataOutputView out) throws IOException {
            out.writeUTF(v.kpi());
            out.writeUTF(v.window());
            out.writeInt(v.dims().size());
            for (Map.Entry<String, String> d : v.dims().entrySet()) {
                out.writeUTF(d.getKey());
                out.writeUTF(d.getValue());
            }
            out.writeLong(v.windowStart());
            out.writeLong(v.windowEnd());
            out.writeDouble(v.value());
            out.writeDouble(v.numerator());
            out.writeDouble(v.denominator());
            out.writeLong(v.sample());
        }

        @Override
        public KpiValue deserialize(DataInputView in) throws IOException {
            String kpi = in.readUTF();
            String window = in.readUTF();
            int n = in.readInt();
            Map<String, String> dims = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                dims.put(in.readUTF(), in.readUTF());
            }
            return new KpiValue(kpi, window, dims, in.readLong(), in.readLong(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readLong());
        }

        @Override
        public KpiValue deserialize(KpiValue reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<KpiValue> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot for savepoints; the format has a single version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<KpiValue> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
