package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a group last told its receiver, as Alertmanager's notification log keeps it: the alerts
 * that were firing and resolved in the last notification, and when it went out. Deciding from this
 * rather than from "what changed since the last flush" is what keeps a restart (or a restore from a
 * checkpoint) from repeating or swallowing a notification.
 *
 * <p>An alert is logged as its firing period, {@code fingerprint@startsAt}, not as its fingerprint
 * alone: an alert that resolved and fired again after the group's last notification is news (a new
 * firing period), where a log of fingerprints took it for the firing already told and kept it back
 * until the repeat interval. Logs written before hold bare fingerprints, which still match every
 * period of their alert, so an upgrade repeats nothing.
 */
public record NotificationLog(Set<String> firing, Set<String> resolved, long at) {

    private static final char PERIOD = '@';

    public NotificationLog {
        firing = Set.copyOf(firing);
        resolved = Set.copyOf(resolved);
    }

    /** The firing periods of {@code alerts} that fire and that resolved, as notified at {@code at}. */
    static NotificationLog of(List<AlertEvent> alerts, long at) {
        Set<String> firing = new TreeSet<>();
        Set<String> resolved = new TreeSet<>();
        for (AlertEvent a : alerts) {
            (a.phase() == Transition.Phase.FIRING ? firing : resolved)
                    .add(period(a.fingerprint(), a.transition().startsAt()));
        }
        return new NotificationLog(firing, resolved, at);
    }

    /** A firing period as the log and the acknowledgements name it. */
    static String period(String fingerprint, long startsAt) {
        return fingerprint + PERIOD + startsAt;
    }

    /** Whether {@code logged} holds every period of {@code periods}, or (a log from before periods) its alert. */
    private static boolean told(Set<String> logged, Set<String> periods) {
        for (String period : periods) {
            int at = period.indexOf(PERIOD);
            if (!logged.contains(period) && (at < 0 || !logged.contains(period.substring(0, at)))) {
                return false;
            }
        }
        return true;
    }

    /** Whether this log told the firing period of {@code fingerprint} that started at {@code startsAt}. */
    boolean toldFiring(String fingerprint, long startsAt) {
        return told(firing, Set.of(period(fingerprint, startsAt)));
    }

    /**
     * Alertmanager's dedup rule, with resolved notifications always on: notify when an alert fires
     * that the receiver has not heard of (or fires again, in a new period); when everything it heard of has resolved; when an alert
     * resolved that it has not been told about; or, with nothing new, once the repeat interval has
     * passed since the last notification.
     *
     * @param last null when the group never notified
     */
    static boolean needsUpdate(NotificationLog last, Set<String> firing, Set<String> resolved, long repeatMillis,
                               long now) {
        return needsUpdate(last, firing, resolved, repeatMillis, now, Set.of());
    }

    /**
     * As {@link #needsUpdate(NotificationLog, Set, Set, long, long)}, except that the repeat after
     * the repeat interval is left out when every firing period is in {@code acknowledged}: someone
     * is on it, and a reminder is noise until something changes.
     */
    static boolean needsUpdate(NotificationLog last, Set<String> firing, Set<String> resolved, long repeatMillis,
                               long now, Set<String> acknowledged) {
        if (last == null) {
            return !firing.isEmpty();
        }
        if (!told(last.firing, firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            // the alerts fired and resolved between two flushes are news to nobody
            return !last.firing.isEmpty();
        }
        if (!told(last.resolved, resolved)) {
            return true;
        }
        return now - last.at >= repeatMillis && !acknowledged.containsAll(firing);
    }
}
