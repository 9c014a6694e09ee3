package dev.redflag.event;

import java.util.Map;

/** One NPS answer, score 0..10. */
public record NpsEvent(long ts, String tenant, Map<String, String> dims, String respondentId,
                       int score, String segment, String product) implements Event {
    @Override
    public EventType type() {
        return EventType.NPS;
    }

    public boolean promoter() {
        return score >= 9;
    }

    public boolean detractor() {
        return score <= 6;
    }
}
