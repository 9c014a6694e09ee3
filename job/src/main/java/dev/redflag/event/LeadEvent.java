package dev.redflag.event;

import java.util.Map;

/** A CRM lead reaching a funnel stage. */
public record LeadEvent(long ts, String tenant, Map<String, String> dims, String leadId,
                        LeadStage stage, String channel, String owner) implements Event {
    @Override
    public EventType type() {
        return EventType.LEAD;
    }

    public enum LeadStage {
        LEAD, MQL, SQL, OPPORTUNITY, WON, LOST;

        /** True for the stages that come after MQL on the way to a deal (a lead past MQL). */
        public boolean isBeyondMql() {
            return this == SQL || this == OPPORTUNITY || this == WON;
        }
    }
}
