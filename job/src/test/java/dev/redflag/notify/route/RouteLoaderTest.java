package dev.redflag.notify.route;

import dev.redflag.yaml.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.redflag.notify.route.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

class RouteLoaderTest {

    private static ConfigException problems(String yaml) {
        try {
            RouteLoader.parse(yaml, "routes.yaml");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    @Test
    void aBrokenFileReportsEveryProblemWithItsPositionAtOnce() {
        assertThat(problems(Fixtures.text("broken.yaml")).problems()).containsExactly(
                "routes.yaml:3:15: route.group_wait: '30 seconds' is not a duration; write a number with a unit, "
                        + "e.g. 30s, 5m or 1h30m",
                "routes.yaml:6:17: route.routes[0].receiver: unknown receiver 'oncal'; did you mean 'oncall'?",
                "routes.yaml:7:7: route.routes[0].contineu: unknown key 'contineu'; did you mean 'continue'?",
                "routes.yaml:8:18: route.routes[1].matchers[0]: 'team=~\"(sales\"' has an invalid regex: "
                        + "missing closing ): `(sales`",
                "routes.yaml:8:36: route.routes[1].matchers[1]: 'tenant': after the label name 'tenant' comes "
                        + "=, !=, =~ or !~",
                "routes.yaml:10:23: route.routes[1].group_interval: must be more than 0s",
                "routes.yaml:11:29: route.routes[1].mute_time_intervals[0]: unknown mute time interval 'night'; "
                        + "did you mean 'nights'?",
                "routes.yaml:16:5: receivers[1].slak: unknown key 'slak'; did you mean 'slack'?",
                "routes.yaml:17:11: receivers[2].name: receiver 'default' is defined twice (first at line 13); "
                        + "give each receiver its own name",
                "routes.yaml:20:16: mute_time_intervals[0].time_zone: unknown time zone 'Europe/Berln'; "
                        + "did you mean 'Europe/Berlin'?",
                "routes.yaml:21:16: mute_time_intervals[0].weekdays[0]: unknown weekday 'saturdy'; "
                        + "did you mean 'saturday'?",
                "routes.yaml:22:21: mute_time_intervals[0].times[0].start: '7:00' is not a time of day; "
                        + "write HH:MM from 00:00 to 23:59, e.g. \"07:00\"");
    }

    @Test
    void lookaroundAndBackreferencesAreRejectedWithTheirPosition() {
        String yaml = """
                route:
                  receiver: x
                  routes:
                    - receiver: x
                      matchers: ['page=~".*(?<!\\\\.html)"']
                inhibit_rules:
                  - source_matchers: {team: "=~(sales)-\\\\1"}
                    target_matchers: ['severity="info"']
                receivers:
                  - name: x
                """;
        assertThat(problems(yaml).problems()).containsExactly(
                "routes.yaml:5:18: route.routes[0].matchers[0]: 'page=~\".*(?<!\\\\.html)\"' has an invalid regex: "
                        + "invalid named capture: `(?<!\\.html)`; lookbehind is not supported: matchers use RE2 "
                        + "syntax, which matches in linear time",
                "routes.yaml:7:29: inhibit_rules[0].source_matchers.team: invalid regex: invalid escape sequence: "
                        + "`\\1`; backreferences are not supported: matchers use RE2 syntax, which matches in "
                        + "linear time");
    }

    @Test
    void theRootNeedsAReceiverAndTakesNoMatchers() {
        String yaml = """
                route:
                  matchers: ['a="b"']
                  continue: true
                receivers:
                  - name: x
                """;
        assertThat(problems(yaml).problems()).containsExactly(
                "routes.yaml:1:1: route.receiver: required key 'receiver' is missing",
                "routes.yaml:2:3: route.matchers: the root route takes every alert and cannot have 'matchers'; "
                        + "put it on a child route under 'routes'",
                "routes.yaml:3:3: route.continue: the root route takes every alert and cannot have 'continue'; "
                        + "put it on a child route under 'routes'");
    }

    @Test
    void unknownTopLevelKeysAndMissingSectionsAreNamed() {
        String yaml = """
                route: {receiver: nobody}
                inhibit_rule: []
                """;
        assertThat(problems(yaml).problems()).containsExactly(
                "routes.yaml:1:1: receivers: required key 'receivers' is missing",
                "routes.yaml:1:19: route.receiver: unknown receiver 'nobody'; none are defined",
                "routes.yaml:2:1: inhibit_rule: unknown key 'inhibit_rule'; did you mean 'inhibit_rules'?");
    }

    @Test
    void groupByAllStandsAloneAndTimesAreCheckedForSense() {
        String yaml = """
                route:
                  receiver: x
                  group_by: ['...', tenant]
                receivers: [{name: x}]
                mute_time_intervals:
                  - name: n
                    weekdays: ['friday:monday']
                    times: [{start: "10:00", end: "10:00"}, {start: "10:00", end: "25:00"}]
                """;
        assertThat(problems(yaml).problems()).containsExactly(
                "routes.yaml:3:13: route.group_by: '...' groups by every label; write it alone, as group_by: ['...']",
                "routes.yaml:7:16: mute_time_intervals[0].weekdays[0]: the range friday:monday runs backwards; "
                        + "write it from the earlier day, or list the days",
                "routes.yaml:8:13: mute_time_intervals[0].times[0]: start and end are both 10:00; for the whole "
                        + "day leave out 'times', or write end: \"24:00\"",
                "routes.yaml:8:67: mute_time_intervals[0].times[1].end: '25:00' is not a time of day; write HH:MM "
                        + "from 00:00 to 23:59 (or 24:00), e.g. \"07:00\"");
    }

    @Test
    void yamlSyntaxErrorsArePositioned() {
        assertThat(problems("route:\n  receiver: [x\n").problems()).singleElement()
                .asString().startsWith("routes.yaml:3:1: invalid YAML");
    }

    @Test
    void aMinimalFileGetsAlertmanagerDefaultsAndMapFormMatchers() {
        RouteTree tree = RouteLoader.parse("""
                route:
                  receiver: all
                  routes:
                    - matchers: {severity: critical, team: "=~sales|revenue", env: "!=staging"}
                      receiver: pager
                receivers: [{name: all}, {name: pager, slack: {channel: "#pager"}}]
                """, "min.yaml");
        Route root = tree.root();
        assertThat(root.groupBy()).isEqualTo(GroupBy.of());
        assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(root.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(tree.receivers().get("all").slack()).isNull();
        assertThat(tree.match(labels("severity", "critical", "team", "revenue"))).extracting(Route::receiver)
                .containsExactly("pager");
        assertThat(tree.match(labels("severity", "critical", "team", "revenue", "env", "staging")))
                .extracting(Route::receiver).containsExactly("all");
        assertThat(GroupKey.of(root, labels("a", "b"))).isEqualTo("route:{}");
    }

    @Test
    void aSlackReceiverMayNameItsTimeZoneAndTheUserGroupsThatMaySnooze() {
        RouteTree tree = RouteLoader.parse("""
                route: {receiver: growth}
                receivers:
                  - name: growth
                    slack: {channel: '#growth-alerts', time_zone: Europe/Berlin, snooze_user_groups: [S0ONCALL, S0LEADS]}
                  - name: web
                    slack: {channel: '#web'}
                """, "routes.yaml");
        assertThat(tree.receivers().get("growth").slack()).isEqualTo(new Receiver.Slack("#growth-alerts",
                java.time.ZoneId.of("Europe/Berlin"), java.util.List.of("S0ONCALL", "S0LEADS")));
        assertThat(tree.receivers().get("web").slack()).isEqualTo(new Receiver.Slack("#web"));
    }

    @Test
    void anUnknownZoneAndGroupsThatAreNotIdsAreNamed() {
        String yaml = """
                route: {receiver: growth}
                receivers:
                  - name: growth
                    slack: {channel: '#growth-alerts', time_zone: Europe/Berlim, snooze_user_groups: ['@oncall', S0A, S0A]}
                """;
        assertThat(problems(yaml).problems()).containsExactly(
                "routes.yaml:4:51: receivers[0].slack.time_zone: unknown time zone 'Europe/Berlim'; "
                        + "did you mean 'Europe/Berlin'?",
                "routes.yaml:4:87: receivers[0].slack.snooze_user_groups[0]: '@oncall' is not a Slack user group id; "
                        + "these look like S0123ABCD (the last part of the group's URL in Slack), not @handles",
                "routes.yaml:4:103: receivers[0].slack.snooze_user_groups[2]: 'S0A' is listed twice");
    }

    @Test
    void sendEveryTransitionIsInheritedUntilAChildSaysOtherwiseAndMustBeTrueOrFalse() {
        RouteTree tree = RouteLoader.parse("""
                route:
                  receiver: x
                  send_every_transition: true
                  routes:
                    - matchers: ['team="sales"']
                    - matchers: ['team="web"']
                      send_every_transition: false
                receivers:
                  - name: x
                """, "routes.yaml");
        assertThat(tree.root().sendEveryTransition()).isTrue();
        assertThat(tree.root().routes()).extracting(Route::sendEveryTransition).containsExactly(true, false);
        assertThat(RouteLoader.parse("route: {receiver: x}\nreceivers: [{name: x}]\n", "routes.yaml").root()
                .sendEveryTransition()).isFalse();

        assertThat(problems("""
                route:
                  receiver: x
                  send_every_transition: sometimes
                receivers:
                  - name: x
                """).problems()).singleElement().asString()
                .startsWith("routes.yaml:3:26: route.send_every_transition: ");
    }
}
