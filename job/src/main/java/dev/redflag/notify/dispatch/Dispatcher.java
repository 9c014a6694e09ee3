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
     * @param timers told the flush time of every group this opens, for a timer
     */
    public void accept(AlertEvent alert, long now, GroupStore store, LongConsumer timers) {
        if (alert.shadow() || alert.phase() == Transition.Phase.PENDING) {
            return;
        }
        store.track(alert);
        if (alert.phase() == Transition.Phase.RESOLVED) {
            store.forgetAcknowledgement(alert.fingerprint());
        }
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
                group = group.with(alert);
            }
            store.put(group);
        }
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
            Flush flush = new Flush(group, route, now, silences, firingLabels, acknowledged);
            stages().exec(flush, List.copyOf(group.alerts().values()));
            flush.notification().ifPresent(out::add);
            AlertGroup next = group.afterFlush(flush.log(), now + route.groupInterval().toMillis());
            if (next == null) {
                store.remove(group.key());
            } else {
                store.put(next);
                timers.accept(next.nextFlushAt());
            }
        }
        return out;
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
