package dev.redflag.rules;

import org.junit.jupiter.api.Test;

import static dev.redflag.rules.RuleFixtures.problems;
import static dev.redflag.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

/** What the schema layer reports, worded for people, at the YAML position of the mistake. */
class SchemaProblemsTest {

    @Test
    void aMisspeltKeySuggestsTheRightOneAndIsNotAlsoReportedMissing() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {above: 0.5}", "severty: warning"))).containsExactly(
                "r.yaml:7:9: groups[0].rules[0].severty: unknown key 'severty'; did you mean 'severity'?");
    }

    @Test
    void anUnknownKeyWithoutACloseOneListsTheKeys() {
        assertThat(problems("""
                groups:
                  - name: g
                    owner: web
                    rules: []
                """)).containsExactly(
                "r.yaml:3:5: groups[0].owner: unknown key 'owner'; use one of name, labels, rules");
    }

    @Test
    void aConditionWrittenOutsideWhenIsPointedThere() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {above: 0.5}", "below: 0.1", "severity: info")))
                .containsExactly("r.yaml:7:9: groups[0].rules[0].below: unknown key 'below'; conditions go under "
                        + "'when:', e.g. when: {below: ...}");
    }

    @Test
    void aMisspeltConditionOptionIsReportedOnce() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {change: rise, precent: 20}", "severity: info")))
                .containsExactly("r.yaml:6:30: groups[0].rules[0].when.precent: unknown key 'precent'; "
                        + "did you mean 'percent'?");
    }

    @Test
    void enumsNameTheirWords() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {above: 0.5}", "severity: warnig", "mode: dry"))).containsExactly(
                "r.yaml:7:19: groups[0].rules[0].severity: 'warnig' is not one of critical, warning, info; "
                        + "did you mean 'warning'?",
                "r.yaml:8:15: groups[0].rules[0].mode: 'dry' is not one of live, shadow");
    }

    @Test
    void anomalyMethodsAndSeasonsAreWords() {
        assertThat(problems(rule("kpi: nps", "when: {anomaly: rang, season: month}", "severity: info"))).containsExactly(
                "r.yaml:6:25: groups[0].rules[0].when.anomaly: 'rang' is not one of robust_z, ewma, range; "
                        + "did you mean 'range'?",
                "r.yaml:6:39: groups[0].rules[0].when.season: 'month' is not one of day, week");
    }

    @Test
    void missingRequiredKeysPointAtTheirMapping() {
        assertThat(problems("""
                groups:
                  - name: g
                    rules:
                      - alert: A
                        when: {above: 0.5}
                  - rules: []
                """)).containsExactly(
                "r.yaml:4:9: groups[0].rules[0].kpi: required key 'kpi' is missing",
                "r.yaml:4:9: groups[0].rules[0].severity: required key 'severity' is missing",
                "r.yaml:6:5: groups[1].name: required key 'name' is missing");
        assertThat(problems("rules: []\n")).containsExactly(
                "r.yaml:1:1: rules: unknown key 'rules'; use one of groups, calendar",
                "r.yaml:1:1: groups: required key 'groups' is missing");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThat(problems(rule("kpi: bounce_rate", "when: [above, 0.5]", "min_sample: lots", "severity: info",
                "annotations: {summary: 3}", "match: {page: {is: x}}"))).containsExactly(
                "r.yaml:6:15: groups[0].rules[0].when: expected a mapping, got a list",
                "r.yaml:7:21: groups[0].rules[0].min_sample: expected a whole number, got 'lots'",
                "r.yaml:9:32: groups[0].rules[0].annotations.summary: expected text, got 3",
                "r.yaml:10:23: groups[0].rules[0].match.page: expected text, a number or true/false, got a mapping");
        assertThat(problems(rule("kpi: bounce_rate", "when: {trend: rising, windows: 2.5, slope: lots}",
                "severity: info"))).containsExactly(
                "r.yaml:6:40: groups[0].rules[0].when.windows: expected a whole number, got 2.5",
                "r.yaml:6:52: groups[0].rules[0].when.slope: expected a number, got 'lots'");
    }

    @Test
    void durationsAndWindowsAreExplainedByTheirOwnParsers() {
        assertThat(problems(rule("kpi: bounce_rate", "window: 1 hour", "when: {above: 0.5}", "for: 15",
                "keep_firing_for: 1.5h", "severity: info"))).containsExactly(
                "r.yaml:6:17: groups[0].rules[0].window: '1 hour' is not a duration; write a number with a unit, "
                        + "e.g. 30s, 5m or 1h30m",
                "r.yaml:8:14: groups[0].rules[0].for: '15' has no unit; add a unit, e.g. 15s",
                "r.yaml:9:26: groups[0].rules[0].keep_firing_for: '1.5h' has a fraction; durations take whole "
                        + "numbers; write 1h30m");
    }

    @Test
    void namesFollowTheirPatterns() {
        assertThat(problems("""
                groups:
                  - name: web team
                    labels: {team-name: web}
                    rules:
                      - alert: bounce_rate_high
                        kpi: BounceRate
                        match: {my page: x}
                        when: {above: 0.5}
                        severity: info
                        annotations: {"9lives": x}
                """)).containsExactly(
                "r.yaml:2:11: groups[0].name: group names use letters, digits, '_', '.' and '-' and start with "
                        + "a letter or digit, got 'web team'",
                "r.yaml:3:14: groups[0].labels.team-name: 'team-name' is not a label name; use letters, digits "
                        + "and '_', not starting with a digit",
                "r.yaml:5:16: groups[0].rules[0].alert: alert names are UpperCamelCase identifiers (a capital "
                        + "letter, then letters and digits), got 'bounce_rate_high'; e.g. 'BounceRateHigh'",
                "r.yaml:6:14: groups[0].rules[0].kpi: KPI names are lower_snake_case, got 'BounceRate'",
                "r.yaml:7:17: groups[0].rules[0].match.my page: 'my page' is not a dimension name; use letters, "
                        + "digits, '_' and '.', e.g. page or dims.region",
                "r.yaml:10:23: groups[0].rules[0].annotations.9lives: '9lives' is not an annotation name; use "
                        + "letters, digits and '_', not starting with a digit");
    }

    @Test
    void numbersOutOfRangeSayTheLimit() {
        assertThat(problems("""
                groups:
                  - name: g
                    rules:
                      - alert: A
                        kpi: conversion_rate
                        when:
                          any:
                            - {change: rise, percent: 0}
                            - {anomaly: ewma, sensitivity: 11, windows: 0}
                            - {significance: drop, confidence: 1}
                            - {significance: rise, confidence: 0.5}
                        min_sample: -1
                        severity: info
                """)).containsExactly(
                "r.yaml:8:39: groups[0].rules[0].when.any[0].percent: must be greater than 0, got 0",
                "r.yaml:9:44: groups[0].rules[0].when.any[1].sensitivity: must be at most 10, got 11",
                "r.yaml:9:57: groups[0].rules[0].when.any[1].windows: must be at least 1, got 0",
                "r.yaml:10:48: groups[0].rules[0].when.any[2].confidence: must be less than 1, got 1",
                "r.yaml:11:48: groups[0].rules[0].when.any[3].confidence: must be greater than 0.5, got 0.5",
                "r.yaml:12:21: groups[0].rules[0].min_sample: must be at least 0, got -1");
    }

    @Test
    void emptyConditionsAndListsAreRefused() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {}", "resolve_when: {any: []}", "severity: info")))
                .containsExactly(
                        "r.yaml:6:15: groups[0].rules[0].when: empty condition; write one kind, e.g. {above: 0.5} "
                                + "or {change: rise, percent: 20}",
                        "r.yaml:7:29: groups[0].rules[0].resolve_when.any: give at least one condition");
    }

    @Test
    void stallIsOnlyEverTrue() {
        assertThat(problems(rule("kpi: mql_to_sql_rate", "when: {stall: false}", "severity: info"))).containsExactly(
                "r.yaml:6:23: groups[0].rules[0].when.stall: must be true, got 'false'");
    }

    @Test
    void aFileThatIsNotAMappingOfGroups() {
        assertThat(problems("- a\n- b\n")).containsExactly("r.yaml:1:1: expected a mapping, got a list");
        assertThat(problems("groups: {name: g}\n")).containsExactly(
                "r.yaml:1:9: groups: expected a list, got a mapping");
    }

    @Test
    void yamlSyntaxErrorsAndSecondDocuments() {
        assertThat(problems("groups: [oops\n")).containsExactly(
                "r.yaml:2:1: invalid YAML: expected ',' or ']', but got <stream end> (while parsing a flow "
                        + "sequence at 1:9); check indentation and quoting");
        assertThat(problems("groups: []\n---\ngroups: []\n")).containsExactly(
                "r.yaml:3:1: a second YAML document (after '---') starts here; a rule file is one document, "
                        + "split it into two files");
    }

    /**
     * Every problem has a position (what the YAML fuzz tests check): what Jackson refuses past its
     * limits, or only when it binds a value, was reported as "r.yaml: invalid YAML: ..." alone.
     */
    @Test
    void yamlBeyondJacksonsLimitsIsReportedWhereReadingStopped() {
        String digits = "1".repeat(1001);
        assertThat(problems("groups: " + digits + "\n")).containsExactly("r.yaml:1:9: invalid YAML: Number value "
                + "length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)");
        assertThat(problems("groups:\n  - name: " + digits + ".5e3\n")).containsExactly("r.yaml:2:11: invalid YAML: "
                + "Number value length (1005) exceeds the maximum allowed (1000, from "
                + "`StreamReadConstraints.getMaxNumberLength()`)");
        assertThat(problems("groups: " + "[".repeat(1001) + "\n")).containsExactly("r.yaml:1:1008: invalid YAML: "
                + "Document nesting depth (1001) exceeds the maximum allowed (1000, from "
                + "`StreamReadConstraints.getMaxNestingDepth()`)");
        assertThat(problems("groups: !!float x\n")).containsExactly(
                "r.yaml:1:18: invalid YAML: Malformed numeric value 'x'");
    }

    /**
     * Found by RuleFileFuzzTest: with a key written twice the schema judges the last value and the
     * positioned tree keeps the first, so a bad alert name of the second list was worded from a
     * mapping of the first, and the loader threw a NullPointerException instead of reporting.
     */
    @Test
    void aKeyWrittenTwiceIsReportedNotThrown() {
        assertThat(problems("""
                groups:
                  - name: g
                    rules:
                      - alert: {x: 1}
                        kpi: bounce_rate
                        when: {above: 0.5}
                        severity: info
                    rules:
                      - alert: bad-name
                        kpi: bounce_rate
                        when: {above: 0.5}
                        severity: info
                """)).containsExactly(
                "r.yaml:4:16: groups[0].rules[0].alert: a mapping does not have the expected form",
                "r.yaml:8:5: groups[0].rules: written twice (first at line 3); keep one");
    }
}
