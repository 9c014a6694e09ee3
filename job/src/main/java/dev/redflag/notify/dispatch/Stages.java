package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.route.RouteTree;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Stages run one after the other, each on what the one before passed on, stopping as soon as
 * nothing is left: Alertmanager's {@code MultiStage}.
 */
public record Stages(List<Stage> stages) implements Stage {

    public Stages {
        stages = List.copyOf(stages);
    }

    /**
     * A group's flush in Alertmanager's order: inhibition, mute time intervals, silences; then for
     * the receiver, dedup against the notification log (where {@code repeat_interval} counts), the
     * hand-over, and the log entry. Routing, grouping, {@code group_wait} and
     * {@code group_interval} come before, in the {@link Dispatcher}.
     */
    public static Stages of(RouteTree routes) {
        return new Stages(List.of(
                new InhibitStage(routes.inhibitor()),
                new TimeMuteStage(routes.muteTimes()),
                new SilenceStage(),
                new DedupStage(),
                new DeliverStage(),
                new LogStage()));
    }

    @Override
    public List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts) {
        List<AlertEvent> passed = alerts;
        for (Stage stage : stages) {
            if (passed.isEmpty()) {
                break;
            }
            passed = stage.exec(flush, passed);
        }
        return passed;
    }

    /** The same chain with each stage replaced by {@code f(stage)}, e.g. wrapped to observe it. */
    public Stages map(UnaryOperator<Stage> f) {
        return new Stages(stages.stream().map(f).toList());
    }

    @Override
    public String name() {
        return String.join(" → ", stages.stream().map(Stage::name).toList());
    }
}
