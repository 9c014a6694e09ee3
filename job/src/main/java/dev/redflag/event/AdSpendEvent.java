package dev.redflag.event;

import java.util.Map;

/** Ad spend of a campaign on a channel over some interval ending at {@code ts}. */
public record AdSpendEvent(long ts, String tenant, Map<String, String> dims, String channel,
                           String campaign, double cost, long impressions, long clicks) implements Event {
    @Override
    public EventType type() {
        return EventType.AD_SPEND;
    }
}
