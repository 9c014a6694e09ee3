package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.route.Inhibitor;

import java.util.List;

/** Drops the alerts an inhibit rule mutes, judged against every alert firing now. */
record InhibitStage(Inhibitor inhibitor) implements Stage {

    @Override
    public List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts) {
        return alerts.stream().filter(a -> !inhibitor.isInhibited(a.labels(), flush.firingLabels())).toList();
    }

    @Override
    public String name() {
        return "inhibit";
    }
}
