package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.route.MuteTimes;

import java.util.List;

/**
 * Holds the whole group while one of its route's mute time intervals is in effect: nothing goes
 * out and nothing is logged, so what is news now is still news at the first flush after.
 */
record TimeMuteStage(MuteTimes muteTimes) implements Stage {

    @Override
    public List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts) {
        return muteTimes.isMuted(flush.route(), flush.instant()) ? List.of() : alerts;
    }

    @Override
    public String name() {
        return "time-mute";
    }
}
