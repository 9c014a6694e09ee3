package dev.redflag.notify.dispatch;

import dev.redflag.notify.route.Route;
import dev.redflag.notify.route.Silences;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One flush of one notification group as it passes the {@link Stages}: what the stages read (the
 * group, its route, the time, the silences in force, the labels of every firing alert for
 * inhibition) and what they leave for the dispatcher (the notification handed to the receiver,
 * the group's notification log after it).
 */
public final class Flush {

    private final AlertGroup group;
    private final Route route;
    private final long now;
    private final Silences silences;
    private final Collection<Map<String, String>> firingLabels;
    private final Set<String> acknowledged;
    private NotificationLog log;
    private Notification notification;

    /**
     * @param now          processing time of the flush, in epoch milliseconds
     * @param firingLabels the labels of every alert firing now, routed anywhere or nowhere
     */
    public Flush(AlertGroup group, Route route, long now, Silences silences,
                 Collection<Map<String, String>> firingLabels) {
        this(group, route, now, silences, firingLabels, Set.of());
    }

    /**
     * @param acknowledged the acknowledged firing periods, {@code fingerprint@startsAt}
     */
    public Flush(AlertGroup group, Route route, long now, Silences silences,
                 Collection<Map<String, String>> firingLabels, Set<String> acknowledged) {
        this.group = Objects.requireNonNull(group, "group");
        this.route = Objects.requireNonNull(route, "route");
        this.now = now;
        this.silences = Objects.requireNonNull(silences, "silences");
        this.firingLabels = Objects.requireNonNull(firingLabels, "firingLabels");
        this.acknowledged = Set.copyOf(acknowledged);
        this.log = group.log();
    }

    public AlertGroup group() {
        return group;
    }

    public Route route() {
        return route;
    }

    public long now() {
        return now;
    }

    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    public Silences silences() {
        return silences;
    }

    public Collection<Map<String, String>> firingLabels() {
        return firingLabels;
    }

    /** The firing periods someone acknowledged, {@code fingerprint@startsAt}: they are not repeated. */
    public Set<String> acknowledged() {
        return acknowledged;
    }

    /** What the group last told its receiver: the group's own log until a stage records a new one. */
    public NotificationLog log() {
        return log;
    }

    /** The notification handed to the receiver in this flush, if any. */
    public Optional<Notification> notification() {
        return Optional.ofNullable(notification);
    }

    void handOver(Notification n) {
        notification = Objects.requireNonNull(n, "notification");
    }

    void record(NotificationLog newLog) {
        log = Objects.requireNonNull(newLog, "log");
    }
}
