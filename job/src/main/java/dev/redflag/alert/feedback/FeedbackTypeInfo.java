package dev.redflag.alert.feedback;

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
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Flink type information for {@link Feedback}: its feedback-topic JSON, as {@code AlertEventTypeInfo}
 * does for alerts, so the wire format is the published one. Feedback is a few records a day.
 */
public final class FeedbackTypeInfo extends TypeInfoFactory<Feedback> {

    @Override
    public TypeInformation<Feedback> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return ImmutableValueSerializer.typeInfo(Feedback.class, Serializer.INSTANCE);
    }

    /** The record as its JSON text. */
    public static final class Serializer extends ImmutableValueSerializer<Feedback> {
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(Feedback f, DataOutputView out) throws IOException {
            StringValue.writeString(f.toJson(), out);
        }

        @Override
        public Feedback deserialize(DataInputView in) throws IOException {
            try {
                return Feedback.parse(StringValue.readString(in).getBytes(StandardCharsets.UTF_8));
            } catch (Feedback.Malformed e) {
                throw new IOException("feedback state is not a feedback record: " + e.getMessage(), e);
            }
        }

        @Override
        public TypeSerializerSnapshot<Feedback> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot for savepoints; one format version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Feedback> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
