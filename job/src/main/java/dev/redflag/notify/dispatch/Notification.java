package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.List;
import java.util.Objects;

/**
 * What one flush of a notification group hands to its receiver: the group's alerts as they stand,
 * firing ones first. Receivers turn it into their own format (a Slack message); the dispatcher
 * knows nothing of them.
 *
 * @param receiver the route's receiver name
 * @param groupKey the group it comes from ({@link dev.redflag.notify.route.GroupKey})
 * @param title    what the group is called, e.g. its alert name
 * @param alerts   firing alerts first, then resolved ones, each in fingerprint order; never empty
 * @param at       processing time of the flush, in epoch milliseconds
 */
@TypeInfo(NotificationTypeInfo.class)
public record Notification(String receiver, String groupKey, String title, List<AlertEvent> alerts, long at) {

    public Notification {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(title, "title");
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a notification needs at least one alert");
        }
    }

    /** Whether any alert of the group still fires; false means the group is resolved. */
    public boolean firing() {
        return alerts.stream().anyMatch(a -> a.phase() == Transition.Phase.FIRING);
    }

    /** Names this notification in logs: {@code <group key>@<flush time>}. */
    public String id() {
        return groupKey + "@" + at;
    }
}
