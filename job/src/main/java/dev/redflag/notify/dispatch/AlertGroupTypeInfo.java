package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
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
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Flink type information for {@link AlertGroup}, the dispatcher's state per group. */
public final class AlertGroupTypeInfo extends TypeInfoFactory<AlertGroup> {

    @Override
    public TypeInformation<AlertGroup> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
        return ImmutableValueSerializer.typeInfo(AlertGroup.class, Serializer.INSTANCE);
    }

    /** Key, route, receiver, next flush, the alerts, then the log when there is one. */
    public static final class Serializer extends ImmutableValueSerializer<AlertGroup> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(AlertGroup g, DataOutputView out) throws IOException {
            out.writeUTF(g.key());
            out.writeUTF(g.routeId());
            out.writeUTF(g.receiver());
            out.writeLong(g.nextFlushAt());
            NotificationTypeInfo.writeAlerts(g.alerts().values().stream().toList(), out);
            NotificationLog log = g.log();
            out.writeBoolean(log != null);
            if (log != null) {
                writeSet(log.firing(), out);
                writeSet(log.resolved(), out);
                out.writeLong(log.at());
            }
        }

        @Override
        public AlertGroup deserialize(DataInputView in) throws IOException {
            String key = in.readUTF();
            String routeId = in.readUTF();
            String receiver = in.readUTF();
            long nextFlushAt = in.readLong();
            SortedMap<String, AlertEvent> alerts = new TreeMap<>();
            for (AlertEvent a : NotificationTypeInfo.readAlerts(in)) {
                alerts.put(a.fingerprint(), a);
            }
            NotificationLog log = null;
            if (in.readBoolean()) {
                log = new NotificationLog(readSet(in), readSet(in), in.readLong());
            }
            return new AlertGroup(key, routeId, receiver, alerts, nextFlushAt, log);
        }

        @Override
        public TypeSerializerSnapshot<AlertGroup> snapshotConfiguration() {
            return new Snapshot();
        }

        private static void writeSet(Set<String> set, DataOutputView out) throws IOException {
            out.writeInt(set.size());
            for (String s : new TreeSet<>(set)) {
                out.writeUTF(s);
            }
        }

        private static Set<String> readSet(DataInputView in) throws IOException {
            int n = in.readInt();
            Set<String> set = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                set.add(in.readUTF());
            }
            return set;
        }
    }

    /** Snapshot for savepoints; one format version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AlertGroup> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
