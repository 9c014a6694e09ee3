package dev.redflag.kpi;

import dev.redflag.event.EventType;
import dev.redflag.kpi.EventFields.NumberField;

import java.io.Serializable;

/**
 * How events of one type feed a windowed KPI: which events count and what each adds to the
 * numerator and the denominator, plus the sample value that min/max/last aggregations keep.
 */
public record KpiInput(EventType type, EventPredicate when, NumberField numerator,
                       NumberField denominator, NumberField value) implements Serializable {

    public static final NumberField ZERO = e -> 0;
    public static final NumberField ONE = e -> 1;

    /** Adds {@code measure} to the numerator only. */
    public static KpiInput numerator(EventType type, EventPredicate when, NumberField measure) {
        return new KpiInput(type, when, measure, ZERO, measure);
    }

    /** Adds {@code measure} to the denominator only. */
    public static KpiInput denominator(EventType type, EventPredicate when, NumberField measure) {
        return new KpiInput(type, when, ZERO, measure, ZERO);
    }

    /** Adds {@code num} to the numerator and {@code den} to the denominator. */
    public static KpiInput both(EventType type, EventPredicate when, NumberField num, NumberField den) {
        return new KpiInput(type, when, num, den, num);
    }
}
