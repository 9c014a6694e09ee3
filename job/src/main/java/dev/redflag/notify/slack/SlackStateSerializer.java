package dev.redflag.notify.slack;

import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.dispatch.NotificationTypeInfo;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Slack writer's checkpointed state: unanswered notifications, then open threads with the
 * firings each has shown (version 2; a version 1 thread has shown none).
 */
final class SlackStateSerializer implements SimpleVersionedSerializer<SlackNotifier.State> {

    @Override
    public int getVersion() {
        return 2;
    }

    @Override
    public byte[] serialize(SlackNotifier.State state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.pending().size());
        for (Notification n : state.pending()) {
            NotificationTypeInfo.Serializer.INSTANCE.serialize(n, out);
        }
        out.writeInt(state.threads().size());
        for (Map.Entry<String, SlackNotifier.PostedThread> t : state.threads().entrySet()) {
            out.writeUTF(t.getKey());
            out.writeUTF(t.getValue().channel());
            out.writeUTF(t.getValue().ts());
            out.writeInt(t.getValue().shown().size());
            for (String shown : t.getValue().shown()) {
                out.writeUTF(shown);
            }
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public SlackNotifier.State deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("unknown Slack writer state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int pendingCount = in.readInt();
        List<Notification> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            pending.add(NotificationTypeInfo.Serializer.INSTANCE.deserialize(in));
        }
        int threadCount = in.readInt();
        Map<String, SlackNotifier.PostedThread> threads = new LinkedHashMap<>();
        for (int i = 0; i < threadCount; i++) {
            String key = in.readUTF();
            String channel = in.readUTF();
            String ts = in.readUTF();
            java.util.Set<String> shown = new java.util.TreeSet<>();
            int count = version >= 2 ? in.readInt() : 0;
            for (int j = 0; j < count; j++) {
                shown.add(in.readUTF());
            }
            threads.put(key, new SlackNotifier.PostedThread(channel, ts, shown));
        }
        return new SlackNotifier.State(pending, threads);
    }
}
