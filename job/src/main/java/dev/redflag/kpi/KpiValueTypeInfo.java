package dev.redflag.kpi;

import dev.redflag.flinktypes.ImmutableValueSerializer;
import dev.redflag.flinktypes.VersionedValueSnapshot;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flink type information for {@link KpiValue}: a hand-written serializer instead of the reflective
 * fallback, which is slower and does not keep the dims map sorted. Registered on the record with
 * {@code @TypeInfo}, so every stream of KPI values uses it.
 *
 * <p>KPI values are kept in state (the rule operator's latest value per series), so the format is
 * versioned: {@link Snapshot} version 3 is the format before the second moments, read back with
 * NaN moments; version 4 the format with moments and before slices, read back with none; version
 * 5 the format with slices and before examples, read back with none; version 6 the current one.
 */
public final class KpiValueTypeInfo extends TypeInfoFactory<KpiValue> {

    @Override
    public TypeInformation<KpiValue> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return ImmutableValueSerializer.typeInfo(KpiValue.class, Serializer.INSTANCE);
    }

    /**
     * Writes the fields in order; dims as a count and name/value pairs; slices as a count and their
     * fields; then the examples: the series' ({@link ExampleCodec}), a count of slice combinations
     * and per combination its name and examples.
     */
    public static final class Serializer extends ImmutableValueSerializer<KpiValue> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(KpiValue v, DataOutputView out) throws IOException {
            WithoutExamplesSerializer.INSTANCE.serialize(v, out);
            ExampleCodec.write(v.examples().series(), out);
            out.writeInt(v.examples().combinations().size());
            for (Map.Entry<String, List<Example>> e : v.examples().combinations().entrySet()) {
                StringValue.writeString(e.getKey(), out);
                ExampleCodec.write(e.getValue(), out);
            }
        }

        @Override
        public KpiValue deserialize(DataInputView in) throws IOException {
            KpiValue v = WithoutExamplesSerializer.INSTANCE.deserialize(in);
            List<Example> series = ExampleCodec.read(in);
            int n = in.readInt();
            if (series.isEmpty() && n == 0) {
                return v;
            }
            Map<String, List<Example>> combinations = new java.util.HashMap<>(Math.max(4, n * 2));
            for (int i = 0; i < n; i++) {
                combinations.put(StringValue.readString(in), ExampleCodec.read(in));
            }
            return new KpiValue(v.kpi(), v.window(), v.dims(), v.windowStart(), v.windowEnd(), v.value(),
                    v.numerator(), v.denominator(), v.sample(), v.numeratorSquares(), v.crossProducts(),
                    v.denominatorSquares(), v.slices(), new Examples(series, combinations));
        }

        @Override
        public TypeSerializerSnapshot<KpiValue> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /**
     * Reads state written before KPI values carried examples (snapshot version 5): they come back
     * with none. Flink restores with it and writes the migrated state with {@link Serializer}.
     */
    static final class WithoutExamplesSerializer extends ImmutableValueSerializer<KpiValue> {
        static final WithoutExamplesSerializer INSTANCE = new WithoutExamplesSerializer();

        @Override
        public void serialize(KpiValue v, DataOutputView out) throws IOException {
            writeWithoutMoments(v, out);
            writeMoments(v, out);
            out.writeInt(v.slices().size());
            for (Slice s : v.slices()) {
                StringValue.writeString(s.name(), out);
                out.writeDouble(s.numerator());
                out.writeDouble(s.denominator());
                out.writeLong(s.samples());
                out.writeDouble(s.numeratorSquares());
                out.writeDouble(s.crossProducts());
                out.writeDouble(s.denominatorSquares());
            }
        }

        @Override
        public KpiValue deserialize(DataInputView in) throws IOException {
            KpiValue v = read(in, true);
            int n = in.readInt();
            if (n == 0) {
                return v;
            }
            List<Slice> slices = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                slices.add(new Slice(StringValue.readString(in), in.readDouble(), in.readDouble(), in.readLong(),
                        in.readDouble(), in.readDouble(), in.readDouble()));
            }
            return new KpiValue(v.kpi(), v.window(), v.dims(), v.windowStart(), v.windowEnd(), v.value(),
                    v.numerator(), v.denominator(), v.sample(), v.numeratorSquares(), v.crossProducts(),
                    v.denominatorSquares(), slices);
        }

        @Override
        public TypeSerializerSnapshot<KpiValue> snapshotConfiguration() {
            return new Snapshot(Snapshot.WITH_SLICES);
        }
    }

    /**
     * Reads state written before KPI values carried slices (snapshot version 4): they come back with
     * none. Flink restores with it and writes the migrated state with {@link Serializer}.
     */
    static final class WithoutSlicesSerializer extends ImmutableValueSerializer<KpiValue> {
        static final WithoutSlicesSerializer INSTANCE = new WithoutSlicesSerializer();

        @Override
        public void serialize(KpiValue v, DataOutputView out) throws IOException {
            writeWithoutMoments(v, out);
            writeMoments(v, out);
        }

        @Override
        public KpiValue deserialize(DataInputView in) throws IOException {
            return read(in, true);
        }

        @Override
        public TypeSerializerSnapshot<KpiValue> snapshotConfiguration() {
            return new Snapshot(Snapshot.WITH_MOMENTS);
        }
    }

    /**
     * Reads state written before KPI values carried their second moments (snapshot version 3):
     * they come back NaN, unknown, with no slices.
     */
    static final class WithoutMomentsSerializer extends ImmutableValueSerializer<KpiValue> {
        static final WithoutMomentsSerializer INSTANCE = new WithoutMomentsSerializer();

        @Override
        public void serialize(KpiValue v, DataOutputView out) throws IOException {
            writeWithoutMoments(v, out);
        }

        @Override
        public KpiValue deserialize(DataInputView in) throws IOException {
            return read(in, false);
        }

        @Override
        public TypeSerializerSnapshot<KpiValue> snapshotConfiguration() {
            return new Snapshot(Snapshot.FIRST_FORMAT);
        }
    }

    private static void writeMoments(KpiValue v, DataOutputView out) throws IOException {
        out.writeDouble(v.numeratorSquares());
        out.writeDouble(v.crossProducts());
        out.writeDouble(v.denominatorSquares());
    }

    private static void writeWithoutMoments(KpiValue v, DataOutputView out) throws IOException {
        StringValue.writeString(v.kpi(), out);
        StringValue.writeString(v.window(), out);
        out.writeInt(v.dims().size());
        for (Map.Entry<String, String> d : v.dims().entrySet()) {
            StringValue.writeString(d.getKey(), out);
            StringValue.writeString(d.getValue(), out);
        }
        out.writeLong(v.windowStart());
        out.writeLong(v.windowEnd());
        out.writeDouble(v.value());
        out.writeDouble(v.numerator());
        out.writeDouble(v.denominator());
        out.writeLong(v.sample());
    }

    private static KpiValue read(DataInputView in, boolean moments) throws IOException {
        String kpi = StringValue.readString(in);
        String window = StringValue.readString(in);
        int n = in.readInt();
        Map<String, String> dims = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            dims.put(StringValue.readString(in), StringValue.readString(in));
        }
        long windowStart = in.readLong();
        long windowEnd = in.readLong();
        double value = in.readDouble();
        double numerator = in.readDouble();
        double denominator = in.readDouble();
        long sample = in.readLong();
        if (!moments) {
            return new KpiValue(kpi, window, dims, windowStart, windowEnd, value, numerator, denominator, sample);
        }
        return new KpiValue(kpi, window, dims, windowStart, windowEnd, value, numerator, denominator, sample,
                in.readDouble(), in.readDouble(), in.readDouble());
    }

    /**
     * Snapshot for savepoints. Version 3 (written while this was a {@code SimpleTypeSerializerSnapshot},
     * under the same class name) is the format without the second moments; 4 the format with them
     * and without slices; 5 the format with slices and without examples; 6 the current one.
     */
    public static final class Snapshot extends VersionedValueSnapshot<KpiValue> {
        static final int WITH_MOMENTS = FIRST_FORMAT + 1;
        static final int WITH_SLICES = WITH_MOMENTS + 1;
        static final int WITH_EXAMPLES = WITH_SLICES + 1;

        public Snapshot() {
            super(WITH_EXAMPLES);
        }

        Snapshot(int version) {
            super(WITH_EXAMPLES, version);
        }

        @Override
        protected TypeSerializer<KpiValue> serializerFor(int version) {
            return switch (version) {
                case FIRST_FORMAT -> WithoutMomentsSerializer.INSTANCE;
                case WITH_MOMENTS -> WithoutSlicesSerializer.INSTANCE;
                case WITH_SLICES -> WithoutExamplesSerializer.INSTANCE;
                default -> Serializer.INSTANCE;
            };
        }
    }
}
