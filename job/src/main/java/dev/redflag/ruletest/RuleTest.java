package dev.redflag.ruletest;

import dev.redflag.alert.AlertState;
import dev.redflag.yaml.Origin;

import java.util.List;

/**
 * One named test case: input series and events, and what the alerts must do with them.
 *
 * @param name        as written
 * @param origin      where the test was written
 * @param start       the test's {@code start} (epoch millis), times like {@code 8h} count from it;
 *                    {@link AlertState#NO_TIME} when not given
 * @param series      hand-written KPI series
 * @param events      raw events, each list turned into KPI values by the job's operators
 * @param checks      firing sets expected at given times
 * @param transitions the expected transitions of the alerts they name, in order; null = not checked
 * @param transitionsOrigin where {@code transitions:} was written (null without)
 */
public record RuleTest(String name, Origin origin, long start, List<SeriesInput> series, List<EventsInput> events,
                       List<AlertCheck> checks, List<ExpectedTransition> transitions, Origin transitionsOrigin) {

    public RuleTest {
        series = List.copyOf(series);
        events = List.copyOf(events);
        checks = List.copyOf(checks);
        transitions = transitions == null ? null : List.copyOf(transitions);
    }
}
