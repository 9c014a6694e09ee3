package dev.redflag.event;

import java.util.Map;

/** An order; {@code margin} is the gross margin of the order in the same currency as {@code amount}. */
public record OrderEvent(long ts, String tenant, Map<String, String> dims, String orderId,
                         String customerId, double amount, double margin, String channel,
                         boolean newCustomer) implements Event {
    @Override
    public EventType type() {
        return EventType.ORDER;
    }
}
