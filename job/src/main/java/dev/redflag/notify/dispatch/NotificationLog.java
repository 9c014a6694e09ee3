package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a group last told its receiver, as Alertmanager's notification log keeps it: the
 * fingerprints that were firing and resolved in the last notification, and when it went out.
 * Deciding from this rather than from "what changed since the last flush" is what keeps a restart
 * (or a restore from a checkpoint) from repeating or swallowing a notification.
 */
public record NotificationLog(Set<String> firing, Set<String> resolved, long at) {

    public NotificationLog {
        firing = Set.copyOf(firing);
        resolved = Set.copyOf(resolved);
    }

    /** The fingerprints of {@code alerts} that fire and that resolved, as notified at {@code at}. */
    static NotificationLog of(List<AlertEvent> alerts, long at) {
        Set<String> firing = new TreeSet<>();
        Set<String> resolved = new TreeSet<>();
        for (AlertEvent a : alerts) {
            (a.phase() == Transition.Phase.FIRING ? firing : resolved).add(a.fingerprint());
        }
        return new NotificationLog(firing, resolved, at);
    }

    /**
     * Alertmanager's dedup rule, with resolved notifications always on: notify when an alert fires
     * that the receiver has not heard of; when everything it heard of has resolved; when an alert
     * resolved that it has not been told about; or, with nothing new, once the repeat interval has
     * passed since the last notification.
     *
     * @param last null when the group never notified
     */
    static boolean needsUpdate(NotificationLog last, Set<String> firing, Set<String> resolved, long repeatMillis,
                               long now) {
        if (last == null) {
            return !firing.isEmpty();
        }
        if (!last.firing.containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            // the alerts fired and resolved between two flushes are news to nobody
            return !last.firing.isEmpty();
        }
        if (!last.resolved.containsAll(resolved)) {
            return true;
        }
        return now - last.at >= repeatMillis;
    }
}
