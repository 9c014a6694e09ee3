package dev.redflag.event;

import java.util.Map;

/**
 * One decoded business event. Every event has an event time {@code ts} (epoch millis), a tenant
 * (brand or site; {@link #DEFAULT_TENANT} when the record had none) and free string dimensions.
 */
public sealed interface Event
        permits SessionEvent, LeadEvent, NpsEvent, SubscriptionEvent, OrderEvent, AdSpendEvent,
                EmailEvent, WalletEvent, MetricEvent {

    String DEFAULT_TENANT = "default";

    EventType type();

    long ts();

    String tenant();

    /** Free string dimensions from the record's {@code dims} object; never null, unmodifiable. */
    Map<String, String> dims();
}
