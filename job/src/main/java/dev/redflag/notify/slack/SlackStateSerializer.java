package dev.redflag.notify.slack;

import dev.redflag.notify.delivery.PendingNotices;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * The Slack writer's checkpointed state: the notifications Slack has not taken, then open threads.
 *
 * <p>Version 2 keeps with each notification since when it waits, its failed tries and whether it
 * was out (so may have reached Slack), and with each thread the firings whose charts it has shown.
 * Version 1, written before notifications outlived an outage, kept only the unanswered
 * notifications, all of them out: they read as resent, waiting since their flush; its threads
 * have shown no chart.
 */
final class SlackStateSerializer implements SimpleVersionedSerializer<SlackNotifier.State> {

    static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SlackNotifier.State state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.pending().size());
        for (PendingNotices.Pending p : state.pending()) {
            NotificationTypeInfo.Serializer.INSTANCE.serialize(p.notice(), out);
            out.writeLong(p.pendingSince());
            out.writeInt(p.failures());
            out.writeBoolean(p.resent());
        }
        writeThreads(state.threads(), out);
        return out.getCopyOfBuffer();
    }

    @Override
    public SlackNotifier.State deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException("unknown Slack writer state version " + version + " (this build reads 1 and "
                    + VERSION + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int pendingCount = in.readInt();
        List<PendingNotices.Pending> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            Notification n = NotificationTypeInfo.Serializer.INSTANCE.deserialize(in);
            if (version == 1) {
                pending.add(new PendingNotices.Pending(n, n.at(), 0, n.at(), true));
            } else {
                long since = in.readLong();
                int failures = in.readInt();
                boolean resent = in.readBoolean();
                pending.add(new PendingNotices.Pending(n, since, failures, since, resent));
            }
        }
        return new SlackNotifier.State(pending, readThreads(in, version));
    }

    private static void writeThreads(Map<String, SlackNotifier.PostedThread> threads, DataOutputSerializer out)
            throws IOException {
        out.writeInt(threads.size());
        for (Map.Entry<String, SlackNotifier.PostedThread> t : threads.entrySet()) {
            out.writeUTF(t.getKey());
            out.writeUTF(t.getValue().channel());
            out.writeUTF(t.getValue().ts());
            out.writeInt(t.getValue().shown().size());
            for (String shown : t.getValue().shown()) {
                out.writeUTF(shown);
            }
        }
    }

    private static Map<String, SlackNotifier.PostedThread> readThreads(DataInputDeserializer in, int version)
            throws IOException {
        int threadCount = in.readInt();
        Map<String, SlackNotifier.PostedThread> threads = new LinkedHashMap<>();
        for (int i = 0; i < threadCount; i++) {
            String key = in.readUTF();
            String channel = in.readUTF();
            String ts = in.readUTF();
            Set<String> shown = new TreeSet<>();
            int count = version >= 2 ? in.readInt() : 0;
            for (int j = 0; j < count; j++) {
                shown.add(in.readUTF());
            }
            threads.put(key, new SlackNotifier.PostedThread(channel, ts, shown));
        }
        return threads;
    }
}
