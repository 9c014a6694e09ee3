package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import java.util.ArrayList;
import java.util.List;

/**
 * Delivers the group to its receiver: the alerts become one {@link Notification}, firing ones
 * first, which the dispatcher emits to the receivers' sinks. Sending, retrying with backoff and
 * counting outcomes happen there ({@code notify.delivery}), off the dispatcher's thread and with
 * what is unanswered in their checkpointed state.
 */
record DeliverStage() implements Stage {

    @Override
    public List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts) {
        List<AlertEvent> ordered = new ArrayList<>(alerts.size());
        alerts.stream().filter(a -> a.phase() == Transition.Phase.FIRING).forEach(ordered::add);
        alerts.stream().filter(a -> a.phase() != Transition.Phase.FIRING).forEach(ordered::add);
        AlertGroup group = flush.group();
        flush.handOver(new Notification(group.receiver(), group.key(), Dispatcher.title(ordered), ordered,
                flush.now()));
        return alerts;
    }

    @Override
    public String name() {
        return "deliver";
    }
}
