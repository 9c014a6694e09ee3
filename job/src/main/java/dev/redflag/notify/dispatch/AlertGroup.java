package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One notification group, Alertmanager's aggregation group: the latest transition of every alert
 * that routed to it, when it flushes next, and what it last notified.
 *
 * @param key         the group key
 * @param routeId     the route that made it, for its intervals and mute times
 * @param receiver    where its notifications go
 * @param alerts      fingerprint to the alert's latest FIRING or RESOLVED transition
 * @param nextFlushAt processing time of the next flush
 * @param log         what was last notified; null before the first notification
 */
@TypeInfo(AlertGroupTypeInfo.class)
public record AlertGroup(String key, String routeId, String receiver, SortedMap<String, AlertEvent> alerts,
                         long nextFlushAt, NotificationLog log) {

    public AlertGroup {
        alerts = Collections.unmodifiableSortedMap(new TreeMap<>(alerts));
    }

    static AlertGroup open(String key, String routeId, String receiver, AlertEvent first, long flushAt) {
        SortedMap<String, AlertEvent> alerts = new TreeMap<>();
        alerts.put(first.fingerprint(), first);
        return new AlertGroup(key, routeId, receiver, alerts, flushAt, null);
    }

    /** With the alert's newest transition in place of its older one. */
    AlertGroup with(AlertEvent alert) {
        SortedMap<String, AlertEvent> next = new TreeMap<>(alerts);
        next.put(alert.fingerprint(), alert);
        return new AlertGroup(key, routeId, receiver, next, nextFlushAt, log);
    }

    boolean has(String fingerprint) {
        return alerts.containsKey(fingerprint);
    }

    /**
     * After a flush: resolved alerts leave (the receiver was told, or was never to be told), the
     * log is what was notified, the next flush is one group interval on. Null when nothing is left.
     */
    AlertGroup afterFlush(NotificationLog newLog, long nextFlush) {
        SortedMap<String, AlertEvent> firing = new TreeMap<>();
        alerts.forEach((fp, a) -> {
            if (a.phase() == Transition.Phase.FIRING) {
                firing.put(fp, a);
            }
        });
        return firing.isEmpty() ? null : new AlertGroup(key, routeId, receiver, firing, nextFlush, newLog);
    }
}
