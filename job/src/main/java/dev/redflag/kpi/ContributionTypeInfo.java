package dev.redflag.kpi;

import dev.redflag.flinktypes.ImmutableValueSerializer;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink type information for {@link Contribution}, the record every event sends across the network
 * once per KPI it feeds: a fixed-order serializer with no reflection per record.
 */
public final class ContributionTypeInfo extends TypeInfoFactory<Contribution> {

    @Override
    public TypeInformation<Contribution> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return ImmutableValueSerializer.typeInfo(Contribution.class, Serializer.INSTANCE);
    }

    /** key, route, ts, numerator, denominator, value, samples, the three second moments, the slice key, then the examples. */
    public static final class Serializer extends ImmutableValueSerializer<Contribution> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(Contribution c, DataOutputView out) throws IOException {
            StringValue.writeString(c.key(), out);
            out.writeInt(c.route());
            out.writeLong(c.ts());
            out.writeDouble(c.numerator());
            out.writeDouble(c.denominator());
            out.writeDouble(c.value());
            out.writeLong(c.samples());
            out.writeDouble(c.numeratorSquares());
            out.writeDouble(c.crossProducts());
            out.writeDouble(c.denominatorSquares());
            StringValue.writeString(c.slice(), out);
            ExampleCodec.write(c.examples(), out);
        }

        @Override
        public Contribution deserialize(DataInputView in) throws IOException {
            return new Contribution(StringValue.readString(in), in.readInt(), in.readLong(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readLong(), in.readDouble(), in.readDouble(),
                    in.readDouble(), StringValue.readString(in), ExampleCodec.read(in));
        }

        @Override
        public TypeSerializerSnapshot<Contribution> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /**
     * Snapshot of the serializer; a single format version. Contributions only cross the network
     * and are never kept in state, so no savepoint holds this format and it may change freely.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Contribution> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
