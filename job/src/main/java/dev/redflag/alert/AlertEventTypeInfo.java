package dev.redflag.alert;

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
 * Flink type information for {@link AlertEvent}: its alerts-topic JSON, so the wire format and the
 * published format cannot drift apart. Alerts are few; the JSON costs nothing that matters.
 */
public final class AlertEventTypeInfo extends TypeInfoFactory<AlertEvent> {

    @Override
    public TypeInformation<AlertEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return ImmutableValueSerializer.typeInfo(AlertEvent.class, Serializer.INSTANCE);
    }

    /** The event as its JSON text. */
    public static final class Serializer extends ImmutableValueSerializer<AlertEvent> {
        public static final Serializer INSTANCE = new Serializer();
        /** Thread-safe: it holds only a Jackson factory. */
        private static final AlertEventJson JSON = new AlertEventJson();

        @Override
        public void serialize(AlertEvent e, DataOutputView out) throws IOException {
            StringValue.writeString(JSON.write(e), out);
        }

        @Override
        public AlertEvent deserialize(DataInputView in) throws IOException {
            return JSON.read(StringValue.readString(in));
        }

        @Override
        public TypeSerializerSnapshot<AlertEvent> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot for savepoints; one format version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AlertEvent> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
