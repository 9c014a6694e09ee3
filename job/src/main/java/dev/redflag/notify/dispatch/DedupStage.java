package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;

import java.util.List;

/**
 * Lets the alerts through only when the notification log says they are news, or when the route's
 * {@code repeat_interval} has passed since the last notification and some firing period of the group
 * is not acknowledged ({@link NotificationLog#needsUpdate}).
 */
record DedupStage() implements Stage {

    @Override
    public List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts) {
        NotificationLog seen = NotificationLog.of(alerts, flush.now());
        return NotificationLog.needsUpdate(flush.log(), seen.firing(), seen.resolved(),
                flush.route().repeatInterval().toMillis(), flush.now(), flush.acknowledged()) ? alerts : List.of();
    }

    @Override
    public String name() {
        return "dedup";
    }
}
