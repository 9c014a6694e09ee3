package dev.redflag.event;

import java.util.Map;

/** A web session; {@code page} is its landing page. */
public record SessionEvent(long ts, String tenant, Map<String, String> dims, String sessionId,
                           String page, String channel, int pageviews, double durationS,
                           boolean converted, double revenue) implements Event {
    @Override
    public EventType type() {
        return EventType.SESSION;
    }

    /** A bounce is a single-page session. */
    public boolean bounced() {
        return pageviews <= 1;
    }
}
