package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.nio.charset.StandardCharsets;

/**
 * The sink writer's checkpointed alerts in their alerts-topic JSON (version 1), the format that
 * is the alert's Flink wire format already. The event is kept rather than the posted alert so
 * that a firing alert re-posted after a restore gets an {@code endsAt} from the time of posting,
 * not a stale one that would resolve it.
 */
final class AlertStateSerializer implements SimpleVersionedSerializer<AlertEvent> {

    private static final int VERSION = 1;

    private final AlertEventJson json = new AlertEventJson();

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(AlertEvent alert) {
        return json.write(alert).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public AlertEvent deserialize(int version, byte[] serialized) {
        if (version != VERSION) {
            throw new IllegalStateException("unknown Alertmanager sink state version " + version
                    + " (this build reads version " + VERSION + ")");
        }
        return json.read(new String(serialized, StandardCharsets.UTF_8));
    }
}
