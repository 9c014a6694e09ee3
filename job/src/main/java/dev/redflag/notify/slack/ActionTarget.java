package dev.redflag.notify.slack;

import java.util.Objects;

/**
 * Where a notification was routed, for the action buttons of its firing alerts: with a target a
 * message gets Acknowledge, Snooze, Real problem and False alarm; without one (previews, tests of
 * the layout alone) only links.
 */
public record ActionTarget(String receiver, String groupKey) {

    public ActionTarget {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(groupKey, "groupKey");
    }
}
