package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;

import java.util.List;

/** Records what was just notified as the group's notification log, for the next dedup. */
record LogStage() implements Stage {

    @Override
    public List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts) {
        flush.record(NotificationLog.of(alerts, flush.now()));
        return alerts;
    }

    @Override
    public String name() {
        return "log";
    }
}
