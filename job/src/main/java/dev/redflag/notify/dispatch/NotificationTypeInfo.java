package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventTypeInfo;
import dev.redflag.flinktypes.ImmutableValueSerializer;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flink type information for {@link Notification}; its alerts in their alerts-topic JSON. */
public final class NotificationTypeInfo extends TypeInfoFactory<Notification> {

    @Override
    public TypeInformation<Notification> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return ImmutableValueSerializer.typeInfo(Notification.class, Serializer.INSTANCE);
    }

    /** Receiver, group key, title, flush time, then the alerts. */
    public static final class Serializer extends ImmutableValueSerializer<Notification> {
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(Notification n, DataOutputView out) throws IOException {
            out.writeUTF(n.receiver());
            out.writeUTF(n.groupKey());
            out.writeUTF(n.title());
            out.writeLong(n.at());
            writeAlerts(n.alerts(), out);
        }

        @Override
        public Notification deserialize(DataInputView in) throws IOException {
            String receiver = in.readUTF();
            String groupKey = in.readUTF();
            String title = in.readUTF();
            long at = in.readLong();
            return new Notification(receiver, groupKey, title, readAlerts(in), at);
        }

        @Override
        public TypeSerializerSnapshot<Notification> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot for savepoints; one format version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Notification> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }

    static void writeAlerts(List<AlertEvent> alerts, DataOutputView out) throws IOException {
        out.writeInt(alerts.size());
        for (AlertEvent a : alerts) {
            AlertEventTypeInfo.Serializer.INSTANCE.serialize(a, out);
        }
    }

    static List<AlertEvent> readAlerts(DataInputView in) throws IOException {
        int n = in.readInt();
        List<AlertEvent> alerts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            alerts.add(AlertEventTypeInfo.Serializer.INSTANCE.deserialize(in));
        }
        return alerts;
    }
}
