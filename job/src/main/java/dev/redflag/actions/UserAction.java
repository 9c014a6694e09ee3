package dev.redflag.actions;

import dev.redflag.notify.slack.AlertAction;

import java.util.Optional;

/** What a click asks for, by the {@code action_id} of its element, with the verdict it gives, if any. */
enum UserAction {
    ACKNOWLEDGE(AlertAction.ACKNOWLEDGE, "acknowledge", null),
    SNOOZE(AlertAction.SNOOZE, "snooze", null),
    REAL_PROBLEM(AlertAction.REAL_PROBLEM, "real_problem", "real"),
    FALSE_ALARM(AlertAction.FALSE_ALARM, "false_alarm", "false_alarm");

    private final String actionId;
    private final String recorded;
    private final String verdict;

    UserAction(String actionId, String recorded, String verdict) {
        this.actionId = actionId;
        this.recorded = recorded;
        this.verdict = verdict;
    }

    static Optional<UserAction> of(String actionId) {
        for (UserAction a : values()) {
            if (a.actionId.equals(actionId)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** As written in the feedback record and the metrics. */
    String recorded() {
        return recorded;
    }

    /** {@code real} or {@code false_alarm}; null for an action that judges nothing. */
    String verdict() {
        return verdict;
    }
}
