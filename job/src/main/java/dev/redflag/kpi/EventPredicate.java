package dev.redflag.kpi;

import dev.redflag.event.Event;

import java.io.Serializable;

/** A filter of events, built once from a KPI definition. */
@FunctionalInterface
public interface EventPredicate extends Serializable {
    EventPredicate ALL = e -> true;

    boolean test(Event event);

    default EventPredicate and(EventPredicate other) {
        if (this == ALL) {
            return other;
        }
        if (other == ALL) {
            return this;
        }
        return e -> test(e) && other.test(e);
    }
}
