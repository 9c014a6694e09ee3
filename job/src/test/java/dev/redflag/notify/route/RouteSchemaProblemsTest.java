package dev.redflag.notify.route;

import dev.redflag.yaml.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the routing and silences schemas report, worded for people, at the YAML position of the
 * mistake, and each mistake once: where the loader checks the same value, both say it alike.
 */
class RouteSchemaProblemsTest {

    private static List<String> routeProblems(String yaml) {
        return problems(() -> RouteLoader.parse(yaml, "routes.yaml"));
    }

    private static List<String> silenceProblems(String yaml) {
        return problems(() -> SilenceFile.read(yaml, "silences.yaml"));
    }

    private static List<String> problems(Runnable load) {
        List<String>[] out = new List[1];
        assertThatThrownBy(load::run).isInstanceOfSatisfying(ConfigException.class, e -> out[0] = e.problems());
        return out[0];
    }

    @Test
    void shapesTypesAndNamesOfTheRoutingFile() {
        assertThat(routeProblems("""
                route:
                  receiver: team
                  group_by: [alertname, 2fa, tenant]
                  group_wait: 30
                  routes:
                    - matchers: 'severity="critical"'
                      continue: sometimes
                      receiver: ''
                      owner: bob
                receivers:
                  slack: {channel: "#x"}
                inhibit_rules:
                  - source_matchers: {1severity: critical}
                    target_matchers: ['severity="warning"', true]
                    equal: [tenant, tenant, "kpi name", yes]
                mute_time_intervals:
                  - name: nights
                    times: [{start: "22:00"}, {start: 25:00, end: 7:00}]
                    weekdays: saturday
                """)).containsExactly(
                "routes.yaml:2:13: route.receiver: unknown receiver 'team'; none are defined",
                "routes.yaml:3:25: route.group_by[1]: '2fa' is not a label name; use letters, digits and '_', "
                        + "not starting with a digit",
                "routes.yaml:4:15: route.group_wait: '30' has no unit; add a unit, e.g. 30s",
                "routes.yaml:6:17: route.routes[0].matchers: expected a list of matchers like "
                        + "['severity=\"critical\"'] or a mapping like {severity: critical}, got a single value",
                "routes.yaml:7:17: route.routes[0].continue: expected true or false, got 'sometimes'",
                "routes.yaml:8:17: route.routes[0].receiver: no value",
                "routes.yaml:9:7: route.routes[0].owner: unknown key 'owner'; use one of receiver, matchers, continue, "
                        + "group_by, group_wait, group_interval, repeat_interval, mute_time_intervals, "
                        + "send_every_transition, routes",
                "routes.yaml:11:3: receivers: expected a list, got a mapping",
                "routes.yaml:13:23: inhibit_rules[0].source_matchers.1severity: '1severity' is not a label name; "
                        + "use letters, digits and '_', not starting with a digit",
                "routes.yaml:14:45: inhibit_rules[0].target_matchers[1]: 'true': after the label name 'true' comes "
                        + "=, !=, =~ or !~",
                "routes.yaml:15:21: inhibit_rules[0].equal[1]: 'tenant' is listed twice",
                "routes.yaml:15:29: inhibit_rules[0].equal[2]: 'kpi name' is not a label name; use letters, digits "
                        + "and '_', not starting with a digit",
                "routes.yaml:15:41: inhibit_rules[0].equal[3]: 'yes' is read as true or false; write it in quotes",
                "routes.yaml:18:13: mute_time_intervals[0].times[0].end: required key 'end' is missing",
                "routes.yaml:18:39: mute_time_intervals[0].times[1].start: '25:00' is not a time of day; write HH:MM "
                        + "from 00:00 to 23:59, e.g. \"07:00\"",
                "routes.yaml:18:51: mute_time_intervals[0].times[1].end: '7:00' is not a time of day; write HH:MM "
                        + "from 00:00 to 23:59 (or 24:00), e.g. \"07:00\"",
                "routes.yaml:19:15: mute_time_intervals[0].weekdays: expected a list, got 'saturday'");
    }

    /** YAML 1.1 reads yes as true, so the schema passes it; the loader still says it, after the schema's problem. */
    @Test
    void whatTheSchemaCannotSeeIsStillReported() {
        assertThat(routeProblems("""
                route:
                  receiver: team
                  routes:
                    - matchers: ['team="growth"']
                      continue: yes
                receivers: [{name: team, slack: {}}]
                """)).containsExactly(
                "routes.yaml:5:17: route.routes[0].continue: expected true or false, got 'yes'",
                "routes.yaml:6:26: receivers[0].slack.channel: required key 'channel' is missing");
    }

    @Test
    void theFileAsAWhole() {
        assertThat(routeProblems("")).containsExactly("routes.yaml:1:1: expected a mapping with 'route' and 'receivers'");
        assertThat(routeProblems("# nothing yet\n")).containsExactly(
                "routes.yaml:1:1: expected a mapping with 'route' and 'receivers'");
        assertThat(routeProblems("- route\n")).containsExactly("routes.yaml:1:1: expected a mapping, got a list");
        assertThat(routeProblems("route: {receiver: a}\nreceivers: [{name: a}]\n---\nroute: {}\n")).containsExactly(
                "routes.yaml:4:1: a second YAML document (after '---') starts here; a routing file is one document, "
                        + "remove the '---' and what follows");
        assertThat(silenceProblems("silence: []\n")).containsExactly(
                "silences.yaml:1:1: silence: unknown key 'silence'; did you mean 'silences'?");
        assertThat(silenceProblems("silences: {}\n")).containsExactly(
                "silences.yaml:1:11: silences: expected a list, got a mapping");
        assertThat(SilenceFile.read("# nothing silenced\n", "silences.yaml")).isEqualTo(Silences.NONE);
    }

    @Test
    void shapesAndTypesOfASilence() {
        assertThat(silenceProblems("""
                silences:
                  - id: 1
                    matchers: team=growth
                    starts_at: 2026
                    ends_at: 2026-11-24T10:00Z
                    created_by: [alice]
                    comment:
                  - id: 2
                    matchers: ['team="growth"']
                    starts_at: 2026-11-24T10:00:00+01:00
                    ends_at: 2026-11-24 11:00
                    created_by: bob
                """)).containsExactly(
                "silences.yaml:3:15: silences[0].matchers: expected a list of matchers like ['severity=\"critical\"'] "
                        + "or a mapping like {severity: critical}, got a single value",
                "silences.yaml:4:16: silences[0].starts_at: '2026' is not a time; write e.g. 2026-11-24T10:00:00Z",
                "silences.yaml:6:17: silences[0].created_by: expected text, a number or true/false, got a list",
                "silences.yaml:7:13: silences[0].comment: no value",
                "silences.yaml:8:5: silences[1].comment: required key 'comment' is missing",
                "silences.yaml:11:14: silences[1].ends_at: '2026-11-24 11:00' is not a time; write e.g. "
                        + "2026-11-24T10:00:00Z");
    }
}
