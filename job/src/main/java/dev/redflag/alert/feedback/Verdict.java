package dev.redflag.alert.feedback;

import java.util.Optional;

/** A person's judgement of an alert: it showed a real problem, or it was a false alarm. */
public enum Verdict {
    REAL("real"),
    FALSE_ALARM("false_alarm");

    private final String recorded;

    Verdict(String recorded) {
        this.recorded = recorded;
    }

    /** As written in the feedback record, the alerts topic and the {@code verdict} tag of the metrics. */
    public String recorded() {
        return recorded;
    }

    public static Optional<Verdict> ofRecorded(String text) {
        for (Verdict v : values()) {
            if (v.recorded.equals(text)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
