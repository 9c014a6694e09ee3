package dev.redflag.event;

import java.util.Map;

/** A change of a customer's subscription. */
public record SubscriptionEvent(long ts, String tenant, Map<String, String> dims, String customerId,
                                Action action, String plan, double mrr) implements Event {
    @Override
    public EventType type() {
        return EventType.SUBSCRIPTION;
    }

    public enum Action {
        START, RENEW, CANCEL, EXPIRE;

        public boolean ends() {
            return this == CANCEL || this == EXPIRE;
        }
    }
}
