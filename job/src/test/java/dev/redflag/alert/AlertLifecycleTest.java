package dev.redflag.alert;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.rules.eval.Judgement;
import dev.redflag.rules.eval.RuleEvaluator;
import dev.redflag.rules.eval.SeriesHistory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.MINUTE;
import static dev.redflag.rules.eval.TestRules.T0;
import static dev.redflag.rules.eval.TestRules.above;
import static dev.redflag.rules.eval.TestRules.below;
import static dev.redflag.rules.eval.TestRules.plain;
import static dev.redflag.rules.eval.TestRules.rule;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifecycle tables: each test drives one alert through judged values and ticks at minutes after
 * {@code T0} and compares the exact transitions, written as {@code PHASE@minute since minute
 * [until minute] [flapping]}.
 */
class AlertLifecycleTest {

    private static final Condition ACTIVE_WHEN_ONE = above(0.5);

    /** One alert driven by hand. */
    private static final class Run {
        private final Rule rule;
        private final AlertLifecycle lifecycle;
        private final List<String> log = new ArrayList<>();
        private final List<Transition> transitions = new ArrayList<>();
        private final SeriesHistory history = new SeriesHistory(10);
        private AlertState state = AlertState.initial();

        Run(Rule rule) {
            this(rule, AlertLifecycle.DEFAULT);
        }

        Run(Rule rule, AlertLifecycle lifecycle) {
            this.rule = rule;
            this.lifecycle = lifecycle;
        }

        /** A judged value for the window ending at {@code minute}. */
        Run value(int minute, boolean active) {
            Judgement j = new Judgement(true, active, active ? 1 : 0, Double.NaN, Double.NaN, "test");
            return record(lifecycle.step(rule, state, j, null, t(minute), t(minute) - HOUR, t(minute)));
        }

        Run unjudged(int minute) {
            Judgement j = Judgement.notJudged(1, "sample 3 < min_sample 200");
            return record(lifecycle.step(rule, state, j, null, t(minute), t(minute) - HOUR, t(minute)));
        }

        /** A KPI value of the hour ending at {@code minute}, judged by the evaluator. */
        Run kpi(int minute, double value) {
            KpiValue v = plain(t(minute) - HOUR, value, 1000);
            history.add(v);
            return record(lifecycle.step(rule, state, RuleEvaluator.judge(rule, history, v),
                    RuleEvaluator.judgeRecovery(rule, history, v), v));
        }

        Run tick(int minute) {
            return record(lifecycle.tick(rule, state, t(minute)));
        }

        Run step(Judgement j, int minute) {
            return record(lifecycle.step(rule, state, j, null, t(minute), AlertState.NO_TIME, AlertState.NO_TIME));
        }

        private Run record(Step step) {
            state = step.state();
            for (Transition tr : step.transitions()) {
                transitions.add(tr);
                log.add(tr.phase() + "@" + minutes(tr.at()) + " since " + minutes(tr.startsAt())
                        + (tr.phase() == Transition.Phase.RESOLVED ? " until " + minutes(tr.endsAt()) : "")
                        + (tr.flapping() ? " flapping" : ""));
            }
            return this;
        }
    }

    private static long t(int minute) {
        return T0 + minute * MINUTE;
    }

    private static long minutes(long time) {
        return (time - T0) / MINUTE;
    }

    private static Rule alert(Duration pendingFor, Duration keepFiringFor) {
        return rule(ACTIVE_WHEN_ONE).pendingFor(pendingFor).keepFiringFor(keepFiringFor).build();
    }

    @Test
    void pendingAfterTheFirstActiveValueFiringAfterFor() {
        Run run = new Run(alert(ofHours(2), Duration.ZERO));
        run.value(0, true);
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.PENDING);
        run.value(60, true);
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.PENDING);
        run.value(120, true).value(180, true);
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.FIRING);
        assertThat(run.state.activeSince()).isEqualTo(t(0));
        run.value(240, false);

        assertThat(run.log).containsExactly(
                "PENDING@0 since 0",
                "FIRING@120 since 120",
                "RESOLVED@240 since 120 until 240");
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.INACTIVE);
    }

    @Test
    void withoutForAnActiveValueFiresAtOnce() {
        Run run = new Run(alert(Duration.ZERO, Duration.ZERO));
        run.value(0, false).value(60, true).value(120, true).value(180, false).value(240, false);
        assertThat(run.log).containsExactly("FIRING@60 since 60", "RESOLVED@180 since 60 until 180");
    }

    @Test
    void aPendingAlertWhoseConditionStopsGoesBackQuietly() {
        Run run = new Run(alert(ofHours(2), Duration.ZERO));
        run.value(0, true).value(60, false);
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.INACTIVE);
        run.value(120, true).value(180, true).value(240, true);
        assertThat(run.log).containsExactly("PENDING@0 since 0", "PENDING@120 since 120", "FIRING@240 since 240");
    }

    @Test
    void keepFiringForHoldsAfterTheConditionStops() {
        Run run = new Run(alert(Duration.ZERO, ofMinutes(90)));
        run.value(0, true).value(60, false).tick(80);
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.FIRING);
        run.tick(90);
        assertThat(run.log).containsExactly("FIRING@0 since 0", "RESOLVED@90 since 0 until 90");
    }

    @Test
    void aReactivationDuringKeepFiringForRestartsTheHold() {
        Run run = new Run(alert(Duration.ZERO, ofMinutes(90)));
        run.value(0, true).value(60, false).value(120, true).tick(200).value(180, false).tick(209);
        assertThat(run.log).containsExactly("FIRING@0 since 0");
        run.value(240, false);
        assertThat(run.log).containsExactly("FIRING@0 since 0", "RESOLVED@240 since 0 until 240");
    }

    @Test
    void ticksNeverResolveAnAlertWhoseConditionStillHolds() {
        Run run = new Run(alert(Duration.ZERO, Duration.ZERO));
        run.value(0, true).tick(600);
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.FIRING);
        assertThat(run.log).containsExactly("FIRING@0 since 0");
    }

    @Test
    void unjudgedValuesLeaveTheStateAsItIs() {
        Run run = new Run(alert(ofHours(2), Duration.ZERO));
        run.value(0, true);
        AlertState pending = run.state;
        run.unjudged(60);
        assertThat(run.state).isEqualTo(pending);
        run.value(120, true);
        assertThat(run.log).containsExactly("PENDING@0 since 0", "FIRING@120 since 120");
        run.unjudged(180).unjudged(240);
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.FIRING);
    }

    @Test
    void unjudgedValuesStillLetKeepFiringForRunOut() {
        Run run = new Run(alert(Duration.ZERO, ofMinutes(90)));
        run.value(0, true).value(60, false).unjudged(120);
        assertThat(run.log).containsExactly("FIRING@0 since 0", "RESOLVED@120 since 0 until 120");
    }

    @Test
    void aLateValueOfAnEarlierWindowIsIgnored() {
        Run run = new Run(alert(Duration.ZERO, Duration.ZERO));
        run.value(60, true);
        AlertState firing = run.state;
        run.value(0, false).tick(30);
        assertThat(run.state).isEqualTo(firing);
        run.value(60, false);
        assertThat(run.log).containsExactly("FIRING@60 since 60", "RESOLVED@60 since 60 until 60");
    }

    @Test
    void recoveryConditionGivesHysteresis() {
        Rule rule = rule(above(0.6)).recovery(below(0.5)).build();
        Run run = new Run(rule);
        run.kpi(60, 0.65).kpi(120, 0.55).kpi(180, 0.58);
        assertThat(run.log).containsExactly("FIRING@60 since 60");
        run.kpi(240, 0.49).kpi(300, 0.55).kpi(360, 0.61);
        assertThat(run.log).containsExactly(
                "FIRING@60 since 60",
                "RESOLVED@240 since 60 until 240",
                "FIRING@360 since 360");
        assertThat(run.transitions.get(1).value()).isEqualTo(0.49);
        assertThat(run.transitions.get(1).windowStart()).isEqualTo(t(180));
        assertThat(run.transitions.get(1).windowEnd()).isEqualTo(t(240));

        Run plainRule = new Run(rule(above(0.6)).build());
        plainRule.kpi(60, 0.65).kpi(120, 0.55);
        assertThat(plainRule.log).containsExactly("FIRING@60 since 60", "RESOLVED@120 since 60 until 120");
    }

    @Test
    void recoveryAndKeepFiringForCombine() {
        Rule rule = rule(above(0.6)).recovery(below(0.5)).keepFiringFor(ofMinutes(90)).build();
        Run run = new Run(rule);
        run.kpi(60, 0.65).kpi(120, 0.55).kpi(180, 0.45);
        assertThat(run.log).containsExactly("FIRING@60 since 60");
        run.kpi(240, 0.45);
        assertThat(run.log).containsExactly("FIRING@60 since 60", "RESOLVED@240 since 60 until 240");
    }

    @Test
    void flappingHoldsTheAlertFiringForAWholeFlapWindow() {
        Run run = new Run(alert(Duration.ZERO, Duration.ZERO));
        run.value(0, true).value(5, false).value(10, true).value(15, false).value(20, true).value(25, false);
        run.value(30, true).value(35, false).value(40, true).value(45, false).value(50, false).tick(99);
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.FIRING);
        assertThat(run.state.flapping()).isTrue();
        run.tick(100).value(110, true);

        assertThat(run.log).containsExactly(
                "FIRING@0 since 0",
                "RESOLVED@5 since 0 until 5",
                "FIRING@10 since 10",
                "RESOLVED@15 since 10 until 15",
                "FIRING@20 since 20",
                "RESOLVED@25 since 20 until 25",
                "FIRING@30 since 30 flapping",
                "RESOLVED@100 since 30 until 100 flapping",
                "FIRING@110 since 110");
    }

    @Test
    void resolutionsSpreadOverMoreThanTheFlapWindowAreNotFlapping() {
        Run run = new Run(alert(Duration.ZERO, Duration.ZERO));
        run.value(0, true).value(5, false).value(30, true).value(35, false).value(60, true).value(65, false);
        run.value(70, true).value(75, false);
        assertThat(run.log).hasSize(8).noneMatch(line -> line.endsWith("flapping"));
    }

    @Test
    void flapDetectionCanBeTurnedOff() {
        Run run = new Run(alert(Duration.ZERO, Duration.ZERO), new AlertLifecycle(FlapPolicy.OFF));
        for (int m = 0; m < 60; m += 10) {
            run.value(m, true).value(m + 5, false);
        }
        assertThat(run.log).hasSize(12).noneMatch(line -> line.endsWith("flapping"));
    }

    @Test
    void absentRulesStepOnTimeWithTheAbsentJudgement() {
        Rule rule = rule(new Condition.Absent(ofHours(2), false)).build();
        Run run = new Run(rule);
        run.step(RuleEvaluator.absent(rule, t(0), t(60)), 60);
        run.step(RuleEvaluator.absent(rule, t(0), t(120)), 120);
        run.kpi(150, 3);
        assertThat(run.log).containsExactly("FIRING@120 since 120", "RESOLVED@150 since 120 until 150");
    }

    @Test
    void transitionsCarryTheJudgedValueAndWindow() {
        Rule rule = alert(Duration.ZERO, Duration.ZERO);
        Judgement j = new Judgement(true, true, 0.43, 0.31, 38.7, "rise");
        Step step = AlertLifecycle.DEFAULT.step(rule, AlertState.initial(), j, null, t(60), t(0), t(60));
        assertThat(step.transitions()).containsExactly(new Transition(Transition.Phase.FIRING, t(60), t(60),
                AlertState.NO_TIME, 0.43, 0.31, 38.7, t(0), t(60), false));
        assertThat(step.state().value()).isEqualTo(0.43);
        assertThat(step.state().lastActiveAt()).isEqualTo(t(60));
    }

    @Test
    void stateIsImmutableAndSerializable() throws Exception {
        Run run = new Run(alert(Duration.ZERO, Duration.ZERO));
        run.value(0, true).value(5, false).value(10, true);
        AlertState s = run.state;
        long[] resolved = s.resolvedAt();
        resolved[0] = 42;
        assertThat(s.resolvedAt()).containsExactly(t(5));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(s).hasSameHashCodeAs(s);
        }
    }

    @Test
    void aSeriesJudgedOverDaysIsGoneOnlyAfterADayWithoutValue() {
        long hour = java.time.Duration.ofHours(1).toMillis();
        dev.redflag.rules.Rule pooled = dev.redflag.rules.eval.TestRules.rule(new dev.redflag.rules.Condition.Shift(
                dev.redflag.rules.Condition.Direction.UP, 20, Double.NaN, 5, true, false, false, null)).build();
        dev.redflag.rules.Rule hourly = dev.redflag.rules.eval.TestRules.rule(new dev.redflag.rules.Condition.Shift(
                dev.redflag.rules.Condition.Direction.UP, 20, Double.NaN, 5, false, false, false, null)).build();
        assertThat(AlertDeadlines.staleAfter(pooled, hour)).isEqualTo(24 * hour);
        assertThat(AlertDeadlines.staleAfter(hourly, hour)).isEqualTo(2 * hour);
        assertThat(AlertDeadlines.staleAt(pooled, 10 * hour, hour)).isEqualTo(34 * hour);
    }
}
