package dev.redflag.kpi.customer;

import dev.redflag.event.AdSpendEvent;
import dev.redflag.event.Event;
import dev.redflag.event.EventType;
import dev.redflag.event.OrderEvent;
import dev.redflag.event.SubscriptionEvent;
import dev.redflag.kpi.EventFields;
import dev.redflag.kpi.EventFields.StringField;
import dev.redflag.kpi.ExampleSpec;
import dev.redflag.kpi.KpiKeys;

import java.io.Serializable;
import java.util.List;

/**
 * Reduces subscription, order and ad-spend events to ledger facts keyed by the customer KPIs'
 * dimensions. Those dimensions must exist on all three types, so they are the tenant and free dims.
 * A subscription's end that churn_rate's {@code examples.when} matches carries its example.
 */
public final class CustomerFacts implements Serializable {

    private final StringField[][] dimsByType;
    private final ExampleSpec churnExamples;
    private transient StringBuilder sb;

    public CustomerFacts(List<String> by) {
        this(by, ExampleSpec.NONE);
    }

    /** @param churnExamples churn_rate's examples, {@link ExampleSpec#NONE} for none */
    public CustomerFacts(List<String> by, ExampleSpec churnExamples) {
        this.churnExamples = churnExamples;
        dimsByType = new StringField[EventType.values().length][];
        for (EventType t : List.of(EventType.SUBSCRIPTION, EventType.ORDER, EventType.AD_SPEND)) {
            dimsByType[t.ordinal()] = by.stream().map(d -> EventFields.string(t, d))
                    .toArray(StringField[]::new);
        }
    }

    public static boolean feeds(EventType type) {
        return type == EventType.SUBSCRIPTION || type == EventType.ORDER || type == EventType.AD_SPEND;
    }

    /** The fact for an event of a type that {@link #feeds} the ledger. */
    public CustomerFact of(Event event) {
        String key = key(event);
        if (event instanceof SubscriptionEvent s) {
            boolean ends = s.action().ends();
            return new CustomerFact(key, ends ? CustomerFact.Kind.SUBSCRIPTION_END
                    : CustomerFact.Kind.SUBSCRIPTION_START, s.customerId(), s.ts(), s.mrr(), 0, false,
                    ends && churnExamples.enabled() && churnExamples.when().test(s) ? churnExamples.example(s) : null);
        }
        if (event instanceof OrderEvent o) {
            return new CustomerFact(key, CustomerFact.Kind.ORDER, o.customerId(), o.ts(),
                    o.amount(), o.margin(), o.newCustomer());
        }
        if (event instanceof AdSpendEvent a) {
            return new CustomerFact(key, CustomerFact.Kind.AD_COST, null, a.ts(), a.cost(), 0, false);
        }
        throw new IllegalArgumentException("not a ledger event: " + event.type());
    }

    private String key(Event event) {
        if (sb == null) {
            sb = new StringBuilder(32);
        }
        StringField[] dims = dimsByType[event.type().ordinal()];
        String[] values = new String[dims.length];
        for (int i = 0; i < dims.length; i++) {
            values[i] = dims[i].get(event);
        }
        return KpiKeys.join(sb, values);
    }
}
