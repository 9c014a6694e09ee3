package dev.redflag.flinktypes;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Base of the hand-written Flink serializers for the immutable records that cross the network on
 * the per-record path: writes fields in a fixed order with no reflection, and never copies, since
 * an immutable value can be shared.
 */
public abstract class ImmutableValueSerializer<T> extends TypeSerializerSingleton<T> {

    /** Type information that hands out this serializer, for a {@code TypeInfoFactory}. */
    public static <T> TypeInformation<T> typeInfo(Class<T> type, ImmutableValueSerializer<T> serializer) {
        return new GenericTypeInfo<>(type) {
            @Override
            public TypeSerializer<T> createSerializer(SerializerConfig config) {
                return serializer;
            }
        };
    }

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T createInstance() {
        return null;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }
}
