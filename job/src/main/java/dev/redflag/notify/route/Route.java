package dev.redflag.notify.route;

import dev.redflag.labels.Labels;
import dev.redflag.labels.Matcher;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One node of the routing tree with its settings already inherited from its parents, so a
 * matched route says by itself where and how its alerts are grouped and sent; nothing later
 * has to walk back up the tree.
 *
 * @param id                the route's place in the file ({@code route.routes[0]}), part of every group key
 * @param continueMatching  Alertmanager's {@code continue}: siblings after this one are tried too
 * @param muteTimeIntervals names of mute intervals; as in Alertmanager these are not inherited
 * @param sendEveryTransition while the receiver is down, its groups' notifications queue up in order
 *                          instead of the newest replacing one still waiting (inherited)
 */
public record Route(String id, List<Matcher> matchers, String receiver, GroupBy groupBy, Duration groupWait,
                    Duration groupInterval, Duration repeatInterval, boolean continueMatching,
                    List<String> muteTimeIntervals, boolean sendEveryTransition, List<Route> routes)
        implements Serializable {

    public Route {
        matchers = List.copyOf(matchers);
        muteTimeIntervals = List.copyOf(muteTimeIntervals);
        routes = List.copyOf(routes);
    }

    /**
     * This route and its children with every group_wait, group_interval and repeat_interval passed
     * through {@code timing}: the demo replays history faster than real time and scales them alike.
     */
    public Route withTimings(UnaryOperator<Duration> timing) {
        return new Route(id, matchers, receiver, groupBy, timing.apply(groupWait), timing.apply(groupInterval),
                timing.apply(repeatInterval), continueMatching, muteTimeIntervals, sendEveryTransition,
                routes.stream().map(r -> r.withTimings(timing)).toList());
    }

    /** Whether this route's own matchers accept the labels (children are not consulted). */
    public boolean accepts(Map<String, String> labels) {
        return Labels.matchAll(matchers, labels);
    }

    /**
     * The routes that take the labels, depth first: the first matching child wins unless it
     * continues; a route none of whose children match takes the alert itself. Empty when this
     * route's own matchers reject the labels.
     */
    public List<Route> match(Map<String, String> labels) {
        if (!accepts(labels)) {
            return List.of();
        }
        List<Route> all = new ArrayList<>();
        for (Route child : routes) {
            List<Route> matched = child.match(labels);
            all.addAll(matched);
            if (!matched.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }
}
