package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.notify.route.GroupKey;
import dev.redflag.notify.route.Route;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.route.Silences;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Alertmanager's dispatcher as plain functions over a {@link GroupStore} and a time the caller
 * supplies: alerts are routed into groups; a group first flushes after its route's
 * {@code group_wait}, then every {@code group_interval}; each flush runs the group through the
 * notification {@link Stages} (inhibit, time mute, silence, dedup with {@code repeat_interval},
 * deliver, log). The Flink operator, tests and tools all run this same code, as rule evaluation
 * does.
 *
 * <p>Shadow alerts and PENDING transitions never reach a receiver; they are ignored here.
 */
public final class Dispatcher implements Serializable {

    private final RouteTree routes;
    private final Map<String, Route> routesById = new HashMap<>();
    private transient Stages stages;

    public Dispatcher(RouteTree routes) {
        this.routes = routes;
        index(routes.root());
    }

    private void index(Route route) {
        routesById.put(route.id(), route);
        route.routes().forEach(this::index);
    }

    /**
     * Takes one transition into the groups it routes to.
     *
     * <p>A resolution normally waits for its group's next flush, and an alert that fired and resolved
     * between two flushes is news to nobody (Alertmanager's rule). That rule is about processing
     * time, but a firing period is event time: when the job catches up (after a restore from a
     * checkpoint, a broker restart, or at start with a backlog) an incident of hours can fire and
     * resolve within one {@code group_wait}, and it would be swallowed whole although a live run
     * told it. So when a resolution comes for a firing period its group holds but has not told, and
     * the period lasted at least the route's {@code group_wait} in event time, the group is flushed
     * at once, before the resolution joins it: the receiver hears the firing now and the
     * resolution at the group's next flush, as it would have live.
     *
     * @param silences the silences in force, for a group flushed at once
     * @param timers   told the flush time of every group this opens or flushes, for a timer
     * @return the notifications of groups flushed at once; usually none
     */
    public List<Notification> accept(AlertEvent alert, long now, Silences silences, GroupStore store,
                                     LongConsumer timers) {
        if (alert.shadow() || alert.phase() == Transition.Phase.PENDING) {
            return List.of();
        }
        List<Notification> out = new ArrayList<>(0);
        for (Route route : routes.match(alert.labels())) {
            String key = GroupKey.of(route, alert.labels());
            AlertGroup group = store.group(key);
            if (group == null) {
                if (alert.phase() != Transition.Phase.FIRING) {
                    continue; // a resolution for a group that told nobody anything is news to nobody
                }
                group = AlertGroup.open(key, route.id(), route.receiver(), alert, now + route.groupWait().toMillis());
                timers.accept(group.nextFlushAt());
            } else {
                if (endsUntoldPeriod(group, route, alert)) {
                    // the firing is still tracked here, so inhibition sees the alert as it was
                    group = flush(group, route, now, silences, store, out::add);
                    timers.accept(group.nextFlushAt());
                }
                group = group.with(alert);
            }
            store.put(group);
        }
        store.track(alert);
        if (alert.phase() == Transition.Phase.RESOLVED) {
            store.forgetAcknowledgement(alert.fingerprint());
        }
        return out;
    }

    /**
     * Whether {@code alert} resolves a firing period that {@code group} holds and has not told, and
     * that lasted long enough in event time that a live run would have told it.
     */
    private static boolean endsUntoldPeriod(AlertGroup group, Route route, AlertEvent alert) {
        if (alert.phase() != Transition.Phase.RESOLVED) {
            return false;
        }
        AlertEvent held = group.alerts().get(alert.fingerprint());
        Transition t = alert.transition();
        return held != null && held.phase() == Transition.Phase.FIRING
                && held.transition().startsAt() == t.startsAt()
                && (group.log() == null || !group.log().toldFiring(alert.fingerprint(), t.startsAt()))
                && t.at() - t.startsAt() >= route.groupWait().toMillis();
    }

    /**
     * Someone acknowledged the firing period of {@code fingerprint} that started at {@code startsAt}:
     * its groups stop repeating it every {@code repeat_interval} until it resolves or fires again in
     * a new period; news (another alert of the group, the resolution) is still told. An
     * acknowledgement of a period that is not firing (resolved since, or never seen) changes nothing.
     *
     * @return whether the period is firing and now acknowledged
     */
    public boolean acknowledge(String fingerprint, long startsAt, GroupStore store) {
        for (AlertEvent a : store.firing()) {
            if (a.fingerprint().equals(fingerprint) && a.transition().startsAt() == startsAt) {
                store.acknowledge(fingerprint, startsAt);
                return true;
            }
        }
        return false;
    }

    /**
     * Flushes every group that is due at {@code now}, in group key order: each runs the
     * {@link Stages#of notification stages}, and what they hand over is returned.
     *
     * @param timers told the next flush time of every group that stays
     */
    public List<Notification> flushDue(long now, Silences silences, GroupStore store, LongConsumer timers) {
        Collection<Map<String, String>> firingLabels = store.firing().stream()
                .map(a -> (Map<String, String>) a.labels()).toList();
        Set<String> acknowledged = new HashSet<>();
        store.acknowledged().forEach((fp, startsAt) -> acknowledged.add(NotificationLog.period(fp, startsAt)));
        List<Notification> out = new ArrayList<>();
        for (AlertGroup group : store.groups()) {
            if (group.nextFlushAt() > now) {
                continue;
            }
            Route route = routesById.getOrDefault(group.routeId(), routes.root());
            AlertGroup next = flush(group, route, now, silences, firingLabels, acknowledged, out::add);
            if (next == null) {
                store.remove(group.key());
            } else {
                store.put(next);
                timers.accept(next.nextFlushAt());
            }
        }
        return out;
    }

    /** One group's flush now, outside its timer; the group after it, which still holds a firing alert. */
    private AlertGroup flush(AlertGroup group, Route route, long now, Silences silences, GroupStore store,
                             Consumer<Notification> out) {
        Collection<Map<String, String>> firingLabels = store.firing().stream()
                .map(a -> (Map<String, String>) a.labels()).toList();
        Set<String> acknowledged = new HashSet<>();
        store.acknowledged().forEach((fp, startsAt) -> acknowledged.add(NotificationLog.period(fp, startsAt)));
        return flush(group, route, now, silences, firingLabels, acknowledged, out);
    }

    /** Runs the group through the stages; the group after the flush, null when nothing in it fires. */
    private AlertGroup flush(AlertGroup group, Route route, long now, Silences silences,
                             Collection<Map<String, String>> firingLabels, Set<String> acknowledged,
                             Consumer<Notification> out) {
        Flush flush = new Flush(group, route, now, silences, firingLabels, acknowledged);
        stages().exec(flush, List.copyOf(group.alerts().values()));
        flush.notification().ifPresent(out);
        return group.afterFlush(flush.log(), now + route.groupInterval().toMillis());
    }

    /** Built on first use: the stages hold the inhibitor and mute times, which are not serializable. */
    private Stages stages() {
        if (stages == null) {
            stages = Stages.of(routes);
        }
        return stages;
    }

    /** The alert name when the group shares one, else the names joined, as Slack's title. */
    static String title(List<AlertEvent> alerts) {
        Set<String> names = new LinkedHashSet<>();
        alerts.forEach(a -> names.add(a.alertname()));
        return String.join(", ", names);
    }
}
