package dev.redflag.alert;

import java.util.List;

/**
 * The result of moving an alert's lifecycle on by one value or one tick: the state to keep and
 * the transitions to publish, in order (usually none or one).
 */
public record Step(AlertState state, List<Transition> transitions) {

    public Step {
        transitions = List.copyOf(transitions);
    }

    static Step quiet(AlertState state) {
        return new Step(state, List.of());
    }

    static Step of(AlertState state, Transition transition) {
        return new Step(state, List.of(transition));
    }
}
