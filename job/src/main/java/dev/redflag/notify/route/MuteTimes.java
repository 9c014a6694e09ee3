package dev.redflag.notify.route;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The notify stage that holds a route's notifications while one of its mute intervals is in
 * effect. It takes the time as an argument, so tests and backtests decide what "now" is.
 */
public final class MuteTimes {

    private final Map<String, TimeInterval> intervals;

    public MuteTimes(Map<String, TimeInterval> intervals) {
        this.intervals = Map.copyOf(intervals);
    }

    public boolean isMuted(Route route, Instant now) {
        return !mutedBy(route, now).isEmpty();
    }

    /** The names of the route's intervals in effect at {@code now}, for logs and the UI. */
    public List<String> mutedBy(Route route, Instant now) {
        return route.muteTimeIntervals().stream()
                .filter(name -> {
                    TimeInterval interval = intervals.get(name);
                    if (interval == null) {
                        throw new IllegalArgumentException("route " + route.id() + " names unknown mute interval '"
                                + name + "'");
                    }
                    return interval.contains(now);
                })
                .toList();
    }
}
