package dev.redflag.alert;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Rule;
import dev.redflag.rules.eval.Judgement;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * The alert state machine of Prometheus (inactive → pending → firing → resolved, with {@code for}
 * and {@code keep_firing_for}), plus value-based recovery and flap damping, as a pure function
 * from (rule, state, judgement, time) to (state, transitions). Kept apart from Flink so the live
 * operator, backtests and rule tests move alerts identically; the operator only stores the state
 * and publishes the transitions.
 *
 * <p>Semantics, with {@code at} the event time of a step (the window end of the judged value):
 * <ul>
 *   <li>inactive + active: PENDING (startsAt = at), or FIRING at once when {@code for} is 0;</li>
 *   <li>pending + active for at − activeSince ≥ {@code for}: FIRING (checked when values arrive,
 *       never on ticks); pending + not active: back to inactive, nothing emitted;</li>
 *   <li>firing: the alert holds while the condition is active or, when the rule has a
 *       {@code recovery} condition, until that recovery condition is active (hysteresis: the main
 *       condition no longer matters once firing). When it stops holding it resolves once
 *       at − lastActiveAt ≥ {@code keep_firing_for} (lastActiveAt = window end of the last value
 *       that held), on a value or on a {@link #tick};</li>
 *   <li>a value that cannot be judged (sample too small, no baseline) changes nothing but lets
 *       time pass as a tick does; a value older than the last one applied (a late update of an
 *       earlier window) is ignored;</li>
 *   <li>flapping ({@link FlapPolicy}, default 3 resolutions within 1h): an alert that fires while
 *       flapping carries {@code flapping=true} and resolves only after it has not held for a whole
 *       flap window (or keep_firing_for, whichever is longer), so reactivations in between emit
 *       nothing; its RESOLVED carries {@code flapping=true} too.</li>
 * </ul>
 * Absent rules use the same step with {@code RuleEvaluator.absent(rule, lastSeen, now)} as the
 * judgement at time {@code now}. A series the caller considers gone can be resolved by stepping
 * it with {@link Judgement#inactive} (for the recovery judgement too, if the rule has one).
 */
public final class AlertLifecycle implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** With the default flap policy: 3 resolutions within 1h. */
    public static final AlertLifecycle DEFAULT = new AlertLifecycle(FlapPolicy.DEFAULT);

    private final FlapPolicy flap;

    public AlertLifecycle(FlapPolicy flap) {
        this.flap = flap;
    }

    public FlapPolicy flapPolicy() {
        return flap;
    }

    /**
     * One judged KPI value: {@code judgement} of the rule's condition and {@code recovery} of its
     * recovery condition (null when the rule has none), at the value's window end.
     */
    public Step step(Rule rule, AlertState state, Judgement judgement, Judgement recovery, KpiValue latest) {
        return step(rule, state, judgement, recovery, latest.windowEnd(), latest.windowStart(), latest.windowEnd());
    }

    /**
     * One judgement at event time {@code at}, for the value of window {@code windowStart ..
     * windowEnd} (pass {@link AlertState#NO_TIME} for judgements not about a window, e.g. absent).
     */
    public Step step(Rule rule, AlertState state, Judgement judgement, Judgement recovery, long at,
                     long windowStart, long windowEnd) {
        if (at < state.updatedAt()) {
            return Step.quiet(state);
        }
        boolean byRecovery = state.isFiring() && rule.recovery() != null;
        Judgement decisive = byRecovery ? recovery : judgement;
        if (decisive == null || !decisive.judged()) {
            return tick(rule, state, at);
        }
        boolean holds = byRecovery ? !decisive.active() : decisive.active();
        Judgement shown = judgement != null && judgement.judged() ? judgement : decisive;
        AlertState seen = state.observed(holds, shown.value(), shown.baseline(), shown.change(), shown.judgedWindow(),
                windowStart, windowEnd, at);
        return switch (state.phase()) {
            case INACTIVE -> !holds ? Step.quiet(seen)
                    : millis(rule.pendingFor()) <= 0 ? fire(seen, at, at) : pend(seen, at);
            case PENDING -> !holds ? Step.quiet(seen.inactive())
                    : at - state.activeSince() >= millis(rule.pendingFor())
                    ? fire(seen, state.activeSince(), at) : Step.quiet(seen);
            case FIRING -> holds ? Step.quiet(seen) : resolveIfDue(rule, seen, at);
        };
    }

    /**
     * Time passing without a judged value: a firing alert that no longer holds resolves once its
     * keep_firing_for (or flap hold) has passed.
     */
    public Step tick(Rule rule, AlertState state, long at) {
        if (at < state.updatedAt() || !state.isFiring() || state.holding()) {
            return Step.quiet(state);
        }
        return resolveIfDue(rule, state, at);
    }

    private Step pend(AlertState state, long at) {
        AlertState next = state.pending(at);
        return Step.of(next, transition(Transition.Phase.PENDING, next, at, at, AlertState.NO_TIME,
                flap.isFlapping(state.resolvedAt(), at)));
    }

    private Step fire(AlertState state, long activeSince, long at) {
        boolean flapping = flap.isFlapping(state.resolvedAt(), at);
        AlertState next = state.firing(activeSince, at, flapping);
        return Step.of(next, transition(Transition.Phase.FIRING, next, at, at, AlertState.NO_TIME, flapping));
    }

    private Step resolveIfDue(Rule rule, AlertState state, long at) {
        long hold = millis(rule.keepFiringFor());
        if (state.flapping()) {
            hold = Math.max(hold, flap.window().toMillis());
        }
        if (at - state.lastActiveAt() < hold) {
            return Step.quiet(state);
        }
        AlertState next = state.resolved(at, flap.remember(state.resolvedAt(), at));
        return Step.of(next, transition(Transition.Phase.RESOLVED, state, at, state.firingSince(), at,
                state.flapping()));
    }

    private static Transition transition(Transition.Phase phase, AlertState s, long at, long startsAt, long endsAt,
                                         boolean flapping) {
        return new Transition(phase, at, startsAt, endsAt, s.value(), s.baseline(), s.change(), s.windowStart(),
                s.windowEnd(), flapping, s.judgedWindow());
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }
}
