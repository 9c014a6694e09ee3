package dev.redflag.notify.slack;

import dev.redflag.notify.delivery.PendingNotices;
import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.dispatch.NotificationTypeInfo;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Slack writer's state keeps what waits through a savepoint, and reads the state of the build before. */
class SlackStateSerializerTest {

    private final SlackStateSerializer serializer = new SlackStateSerializer();

    private static final Notification FIRING = new Notification("web", "route:{alertname=\"BounceRateRising\"}",
            "BounceRateRising", List.of(TestAlerts.rule("web", "BounceRateRising", "critical", "bounce_rate")
            .firing(Map.of("page", "/checkout"), 0.42, 0.2, 110)), 1_700_000_000_000L);
    private static final Notification RESOLVED = new Notification("web", "route:{alertname=\"Other\"}", "Other",
            List.of(TestAlerts.rule("web", "Other", "warning", "bounce_rate").resolved(Map.of("page", "/"))),
            1_700_000_060_000L);

    @Test
    void versionTwoKeepsEachNotificationsAgeFailuresAndWhetherItWasOut() throws IOException {
        SlackNotifier.State state = new SlackNotifier.State(List.of(
                new PendingNotices.Pending(FIRING, 1_700_000_000_500L, 7, 1_700_000_900_000L, true),
                new PendingNotices.Pending(RESOLVED, 1_700_000_060_000L, 0, 1_700_000_060_000L, false)),
                Map.of("route:{alertname=\"BounceRateRising\"}", new SlackNotifier.PostedThread("C123", "1700.0001")));
        assertThat(serializer.getVersion()).isEqualTo(2);

        SlackNotifier.State read = serializer.deserialize(2, serializer.serialize(state));
        // the next try's time is not kept: a restored notification is tried at once
        assertThat(read.pending()).containsExactly(
                new PendingNotices.Pending(FIRING, 1_700_000_000_500L, 7, 1_700_000_000_500L, true),
                new PendingNotices.Pending(RESOLVED, 1_700_000_060_000L, 0, 1_700_000_060_000L, false));
        assertThat(read.threads()).isEqualTo(state.threads());
    }

    @Test
    void versionOneStateReadsAsNotificationsThatWereOutWaitingSinceTheirFlush() throws IOException {
        // the layout of version 1: the unanswered notifications, then the threads
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(2);
        NotificationTypeInfo.Serializer.INSTANCE.serialize(FIRING, out);
        NotificationTypeInfo.Serializer.INSTANCE.serialize(RESOLVED, out);
        out.writeInt(1);
        out.writeUTF("route:{alertname=\"BounceRateRising\"}");
        out.writeUTF("C123");
        out.writeUTF("1700.0001");

        SlackNotifier.State read = serializer.deserialize(1, out.getCopyOfBuffer());
        assertThat(read.pending()).containsExactly(
                new PendingNotices.Pending(FIRING, FIRING.at(), 0, FIRING.at(), true),
                new PendingNotices.Pending(RESOLVED, RESOLVED.at(), 0, RESOLVED.at(), true));
        assertThat(read.threads()).containsExactly(Map.entry("route:{alertname=\"BounceRateRising\"}",
                new SlackNotifier.PostedThread("C123", "1700.0001")));
    }

    @Test
    void anUnknownVersionIsAnErrorThatSaysWhichAreKnown() {
        assertThatThrownBy(() -> serializer.deserialize(3, new byte[0])).isInstanceOf(IOException.class)
                .hasMessage("unknown Slack writer state version 3 (this build reads 1 and 2)");
    }
}
