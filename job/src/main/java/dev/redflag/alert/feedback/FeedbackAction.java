package dev.redflag.alert.feedback;

import java.util.Optional;

/** What a person did to an alert, with the verdict it gives, if any. */
public enum FeedbackAction {
    ACKNOWLEDGE("acknowledge", null),
    SNOOZE("snooze", null),
    REAL_PROBLEM("real_problem", Verdict.REAL),
    FALSE_ALARM("false_alarm", Verdict.FALSE_ALARM);

    private final String recorded;
    private final Verdict verdict;

    FeedbackAction(String recorded, Verdict verdict) {
        this.recorded = recorded;
        this.verdict = verdict;
    }

    /** As written in the feedback record and the {@code action} tag of the metrics. */
    public String recorded() {
        return recorded;
    }

    /** The verdict this action gives; empty for one that judges nothing. */
    public Optional<Verdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    public static Optional<FeedbackAction> ofRecorded(String text) {
        for (FeedbackAction a : values()) {
            if (a.recorded.equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
