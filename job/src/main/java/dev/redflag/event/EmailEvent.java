package dev.redflag.event;

import java.util.Map;

/** One e-mail engagement event of a campaign. */
public record EmailEvent(long ts, String tenant, Map<String, String> dims, String campaign,
                         Action action) implements Event {
    @Override
    public EventType type() {
        return EventType.EMAIL;
    }

    public enum Action {
        SENT, DELIVERED, OPEN, CLICK, UNSUBSCRIBE, BOUNCE
    }
}
