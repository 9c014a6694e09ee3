package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;

import java.util.List;

/** Drops the alerts a silence in force at the flush matches. */
record SilenceStage() implements Stage {

    @Override
    public List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts) {
        return alerts.stream().filter(a -> !flush.silences().isSilenced(a.labels(), flush.instant())).toList();
    }

    @Override
    public String name() {
        return "silence";
    }
}
