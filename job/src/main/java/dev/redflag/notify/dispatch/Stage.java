package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;

import java.util.List;

/**
 * One step of a group's flush, as in Alertmanager's notification pipeline: it takes the group's
 * alerts as the stages before it left them and passes on what the next stage should see. An empty
 * list ends the flush: nothing is notified and the group's notification log stays as it was.
 * Stages that do more than filter (handing the notification over, logging it) do it through the
 * {@link Flush}.
 */
@FunctionalInterface
public interface Stage {

    List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts);

    /** What the stage is called in logs, docs and tests. */
    default String name() {
        return getClass().getSimpleName();
    }
}
