package dev.redflag.notify.route;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything a routing file says, checked and resolved: every receiver and interval a route
 * names exists, and every route carries its inherited settings. Built only by
 * {@link RouteLoader}, so holding one means the file was valid.
 */
public record RouteTree(Route root, Map<String, Receiver> receivers, List<InhibitRule> inhibitRules,
                        Map<String, TimeInterval> muteTimeIntervals) implements Serializable {

    public RouteTree {
        receivers = Map.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
        muteTimeIntervals = Map.copyOf(muteTimeIntervals);
    }

    /** The routes that take an alert with these labels, in file order; never empty. */
    public List<Route> match(Map<String, String> labels) {
        return root.match(labels);
    }

    /** The same tree with every route's timings passed through {@code timing} ({@link Route#withTimings}). */
    public RouteTree withTimings(UnaryOperator<Duration> timing) {
        return new RouteTree(root.withTimings(timing), receivers, inhibitRules, muteTimeIntervals);
    }

    public Inhibitor inhibitor() {
        return new Inhibitor(inhibitRules);
    }

    public MuteTimes muteTimes() {
        return new MuteTimes(muteTimeIntervals);
    }
}
