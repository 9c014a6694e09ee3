package dev.redflag.actions;

import dev.redflag.alert.feedback.FeedbackAction;
import dev.redflag.notify.slack.AlertAction;

import java.util.Optional;

/** What a click asks for, by the {@code action_id} of its element, and the feedback it records. */
enum UserAction {
    ACKNOWLEDGE(AlertAction.ACKNOWLEDGE, FeedbackAction.ACKNOWLEDGE),
    SNOOZE(AlertAction.SNOOZE, FeedbackAction.SNOOZE),
    REAL_PROBLEM(AlertAction.REAL_PROBLEM, FeedbackAction.REAL_PROBLEM),
    FALSE_ALARM(AlertAction.FALSE_ALARM, FeedbackAction.FALSE_ALARM);

    private final String actionId;
    private final FeedbackAction feedback;

    UserAction(String actionId, FeedbackAction feedback) {
        this.actionId = actionId;
        this.feedback = feedback;
    }

    static Optional<UserAction> of(String actionId) {
        for (UserAction a : values()) {
            if (a.actionId.equals(actionId)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    FeedbackAction feedback() {
        return feedback;
    }

    /** As written in the feedback record and the metrics. */
    String recorded() {
        return feedback.recorded();
    }
}
