package dev.redflag.rules;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.redflag.rules.RuleFixtures.CATALOG;
import static dev.redflag.rules.RuleFixtures.DIR;
import static dev.redflag.rules.RuleFixtures.problems;
import static dev.redflag.rules.RuleFixtures.problemsOf;
import static dev.redflag.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

/** What needs the KPI catalog or the whole file set, at the YAML position of the mistake. */
class SemanticProblemsTest {

    @Test
    void unknownKpisSuggestTheClosestOrListThemAll() {
        assertThat(problems(rule("kpi: bounce_rat", "when: {above: 0.5}", "severity: info"))).containsExactly(
                "r.yaml:5:14: groups[0].rules[0].kpi: unknown KPI 'bounce_rat'; did you mean 'bounce_rate'?");
        assertThat(problems(rule("kpi: x", "when: {above: 0.5}", "severity: info"))).containsExactly(
                "r.yaml:5:14: groups[0].rules[0].kpi: unknown KPI 'x'; KPIs are bounce_rate, conversion_rate, "
                        + "mql_to_sql_rate, mql_age_p50, nps, churn_rate, retention_rate, arpu, clv, clv_to_cpa, cpa, "
                        + "ctr, cpc, email_open_rate, email_click_rate, ngr_to_bets, bets_to_deposits, signups, revenue");
    }

    @Test
    void theWindowMustBeOneOfTheKpis() {
        assertThat(problems(rule("kpi: bounce_rate", "window: 2h", "when: {above: 0.5}", "severity: info")))
                .containsExactly("r.yaml:6:17: groups[0].rules[0].window: KPI 'bounce_rate' has no window '2h'; "
                        + "its windows are 1h, 1d/1h (windows are set in kpis.yaml)");
        assertThat(problems(rule("kpi: bounce_rate", "window: 1h/7m", "when: {above: 0.5}", "severity: info")))
                .containsExactly("r.yaml:6:17: groups[0].rules[0].window: slide 7m does not divide size 1h exactly; "
                        + "use e.g. 6m40s or 7m30s");
    }

    @Test
    void matchersNeedTheKpisDimensionsAndValidRegexes() {
        assertThat(problems(rule("kpi: bounce_rate", "match: {pgae: /pricing, page: \"=~(pricing\", region: eu}",
                "when: {above: 0.5}", "severity: info"))).containsExactly(
                "r.yaml:6:17: groups[0].rules[0].match.pgae: KPI 'bounce_rate' has no dimension 'pgae'; did you "
                        + "mean 'page'?; its dimensions are tenant, page, channel",
                "r.yaml:6:39: groups[0].rules[0].match.page: bad regular expression '(pricing': missing closing ): "
                        + "`(pricing`",
                "r.yaml:6:53: groups[0].rules[0].match.region: KPI 'bounce_rate' has no dimension 'region'; its "
                        + "dimensions are tenant, page, channel");
    }

    @Test
    void aRegexRe2CannotRunInLinearTimeIsRejectedWhenTheFileIsRead() {
        assertThat(problems(rule("kpi: bounce_rate", "match: {page: \"!~(?!/blog).*\", tenant: \"=~(a)\\\\1\"}",
                "when: {above: 0.5}", "severity: info"))).containsExactly(
                "r.yaml:6:23: groups[0].rules[0].match.page: bad regular expression '(?!/blog).*': invalid or "
                        + "unsupported Perl syntax: `(?!`; lookahead is not supported: matchers use RE2 syntax, "
                        + "which matches in linear time",
                "r.yaml:6:48: groups[0].rules[0].match.tenant: bad regular expression '(a)\\1': invalid escape "
                        + "sequence: `\\1`; backreferences are not supported: matchers use RE2 syntax, which "
                        + "matches in linear time");
    }

    @Test
    void durationsMustListUnitsInOrderAndAbsenceMustLast() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {absent: 0s}", "for: 30s1m", "severity: info")))
                .containsExactly(
                        "r.yaml:6:24: groups[0].rules[0].when.absent: must be longer than 0s, e.g. 2h",
                        "r.yaml:7:14: groups[0].rules[0].for: '30s1m' must list units from largest to smallest, each "
                                + "once; write 1m30s");
    }

    @Test
    void alertNamesAreUniqueWithinAGroupOnly() {
        assertThat(problems("""
                groups:
                  - name: a
                    rules:
                      - {alert: Same, kpi: nps, when: {below: 0}, severity: info}
                      - {alert: Same, kpi: nps, when: {below: 10}, severity: info}
                  - name: b
                    rules:
                      - {alert: Same, kpi: nps, when: {below: 0}, severity: info}
                """)).containsExactly("r.yaml:5:17: groups[0].rules[1].alert: alert 'Same' is already defined in this "
                + "group at line 4; alert names are unique within a group");
    }

    @Test
    void groupNamesAreUniqueAcrossFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("b.yaml", "groups:\n  - name: web\n    rules: []\n");
        files.put("a.yaml", "groups:\n  - name: web\n    rules: []\n  - name: web\n    rules: []\n");
        assertThat(problemsOf(() -> RuleLoader.parseAll(files, CATALOG))).containsExactly(
                "a.yaml:4:11: groups[1].name: group 'web' is already defined at a.yaml:2:11; group names are "
                        + "unique across all rule files",
                "b.yaml:2:11: groups[0].name: group 'web' is already defined at a.yaml:2:11; group names are "
                        + "unique across all rule files");
    }

    @Test
    void significanceNeedsARatioKpi() {
        assertThat(problems(rule("kpi: revenue", "when: {significance: drop}", "severity: info"))).containsExactly(
                "r.yaml:6:16: groups[0].rules[0].when.significance: significance tests two proportions and needs a "
                        + "ratio KPI (numerator / denominator); KPI 'revenue' is a sum");
    }

    @Test
    void stallsNeedAKpiThatCanReadZero() {
        assertThat(problems(rule("kpi: signups", "when: {stall: true}", "severity: info"))).containsExactly(
                "r.yaml:6:16: groups[0].rules[0].when.stall: KPI 'signups' is a count, which reports nothing for a "
                        + "window without events, so it never reads 0 and cannot stall; use {absent: <duration>} to "
                        + "alert when its events stop");
        assertThat(problems(rule("kpi: revenue", "when: {stall: true, min_denominator: 5}", "severity: info")))
                .containsExactly("r.yaml:6:29: groups[0].rules[0].when.min_denominator: min_denominator applies to "
                        + "ratio KPIs; KPI 'revenue' is a sum, so a stall means its value stays 0");
    }

    @Test
    void aShiftNeedsAKpiWithAVarianceModelAndItsOwnOptions() {
        assertThat(problems(rule("kpi: clv", "when: {shift: drop, percent: 20}", "severity: info"))).containsExactly(
                "r.yaml:6:16: groups[0].rules[0].when.shift: shift needs a KPI whose variation is known from its "
                        + "events (a ratio, count or sum); KPI 'clv' is a last; use anomaly instead");
        assertThat(problems(rule("kpi: bounce_rate", "when: {shift: rise}", "severity: info"))).containsExactly(
                "r.yaml:6:16: groups[0].rules[0].when: a shift needs its smallest change that matters: percent: N "
                        + "(of the baseline) or absolute: X (in the KPI's unit)");
        assertThat(problems(rule("kpi: bounce_rate", "when: {shift: rise, percent: 20, sensitivity: 11}",
                "severity: info"))).containsExactly("r.yaml:6:55: groups[0].rules[0].when.sensitivity: must be at "
                + "most 10, got 11");
        assertThat(problems(rule("kpi: mql_to_sql_rate", "window: auto", "when: {stall: true, min_denominator: 5}",
                "severity: info"))).containsExactly("r.yaml:7:29: groups[0].rules[0].when.min_denominator: "
                + "min_denominator does not apply with window: auto, which judges a stall by how improbable no "
                + "numerator is given the denominators and the series' history; remove it, or name a window to use "
                + "fixed floors");
        assertThat(problems(rule("kpi: mql_to_sql_rate", "when: {stall: true, sensitivity: 7}", "severity: info")))
                .containsExactly("r.yaml:6:29: groups[0].rules[0].when.sensitivity: sensitivity applies to a stall "
                        + "with window: auto, which judges how improbable the stall is; a stall on a named window "
                        + "uses min_denominator and windows");
    }

    @Test
    void calendarPeriodsNeedDatesOrInstantsInOrder() {
        assertThat(problems("""
                calendar:
                  exclude_from_baselines:
                    - {date: 2026-13-01}
                    - {from: 2026-12-02, to: 2026-12-01}
                    - {from: 2026-12-02}
                    - {date: 2026-12-24, to: 2026-12-26}
                """)).containsExactly(
                "r.yaml:3:14: calendar.exclude_from_baselines[0].date: expected a date such as 2026-12-25, got "
                        + "'2026-13-01'",
                "r.yaml:4:30: calendar.exclude_from_baselines[1].to: must be after from",
                "r.yaml:5:7: calendar.exclude_from_baselines[2]: a period needs date, or both from and to",
                "r.yaml:6:14: calendar.exclude_from_baselines[3].date: give date, or from and to, not both");
    }

    @Test
    void templatesMayOnlyUseKnownVariables() {
        assertThat(problems("""
                groups:
                  - name: g
                    labels: {team: web}
                    rules:
                      - alert: A
                        kpi: bounce_rate
                        when: {above: 0.5}
                        severity: info
                        labels: {owner: growth}
                        annotations:
                          summary: "{{pgae}} {{page}} {{team}} {{owner}} {{labels.owner}} {{labels.kpi}} {{value}}"
                          description: "{{#flag}}x{{/flag}} {{labels.tam}} {{labels.zzz}}"
                          runbook_url: "{{> footer}}"
                          dashboard_url: "{{#page}}x"
                """)).containsExactly(
                "r.yaml:11:20: groups[0].rules[0].annotations.summary: unknown variable {{pgae}}; did you mean "
                        + "'page'?",
                "r.yaml:12:24: groups[0].rules[0].annotations.description: unknown variable {{flag}}; use one of "
                        + "alertname, kpi, window, judged_window, severity, value, baseline, change, change_percent, "
                        + "value_text, baseline_text, change_text, numerator, denominator, sample, window_start, window_end, firing, resolved, labels, slice, why, examples, tenant, "
                        + "page, channel, team, owner "
                        + "or labels.<label>",
                "r.yaml:12:24: groups[0].rules[0].annotations.description: unknown label 'tam' in {{labels.tam}}; "
                        + "did you mean 'labels.team'?",
                "r.yaml:12:24: groups[0].rules[0].annotations.description: unknown label 'zzz' in {{labels.zzz}}; "
                        + "the alert's labels are tenant, page, channel, team, owner, alertname, severity, kpi, window",
                "r.yaml:13:24: groups[0].rules[0].annotations.runbook_url: bad template: partials ({{> footer}}) "
                        + "are not allowed",
                "r.yaml:14:26: groups[0].rules[0].annotations.dashboard_url: bad template: section {{#page}} is "
                        + "never closed; add {{/page}}");
    }

    @Test
    void resolveWhenTakesThresholdsOnly() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {above: 0.5}",
                "resolve_when: {all: [{below: 0.4}, {change: drop, percent: 10}]}", "severity: info"))).containsExactly(
                "r.yaml:7:45: groups[0].rules[0].resolve_when.all[1].change: resolve_when takes thresholds only "
                        + "({above: x}, {below: x}, or all:/any: of them): it decides on the latest value alone, "
                        + "while change needs history it cannot mirror; write the level at which the alert may "
                        + "resolve, e.g. {below: 0.5}");
    }

    @Test
    void trendsAndAnomaliesNeedAtLeastTwoWindows() {
        assertThat(problems(rule("kpi: nps", "when: {any: [{trend: falling, windows: 1, slope: 2}, "
                + "{anomaly: ewma, windows: 1}]}", "severity: info"))).containsExactly(
                "r.yaml:6:48: groups[0].rules[0].when.any[0].windows: a trend needs at least 2 windows to fit a "
                        + "slope, got 1",
                "r.yaml:6:87: groups[0].rules[0].when.any[1].windows: an anomaly needs at least 2 trailing windows "
                        + "to learn from, got 1");
        assertThat(problems(rule("kpi: nps", "when: {trend: falling}", "severity: info"))).containsExactly(
                "r.yaml:6:16: groups[0].rules[0].when.windows: a trend needs windows: N, how many windows to fit "
                        + "the slope over (at least 2)",
                "r.yaml:6:16: groups[0].rules[0].when.slope: a trend needs slope: X, the least change per window "
                        + "that counts (a positive number)");
    }

    @Test
    void aConditionHasExactlyOneKindAndOnlyItsOptions() {
        assertThat(problems(rule("kpi: nps", "when: {above: 50, below: 10}", "severity: info"))).containsExactly(
                "r.yaml:6:27: groups[0].rules[0].when.below: 'below' is a second condition kind next to 'above'; "
                        + "put each in its own condition under all: [...] or any: [...]");
        assertThat(problems(rule("kpi: nps", "when: {change: drop, percent: 10, slope: 2}", "severity: info")))
                .containsExactly("r.yaml:6:43: groups[0].rules[0].when.slope: 'slope' does not apply to change; "
                        + "change takes percent, absolute, baseline, windows");
        assertThat(problems(rule("kpi: nps", "when: {above: 50, windows: 2}", "severity: info"))).containsExactly(
                "r.yaml:6:27: groups[0].rules[0].when.windows: 'windows' does not apply to above; above takes no "
                        + "options");
        assertThat(problems(rule("kpi: nps", "when: {percent: 10}", "severity: info"))).containsExactly(
                "r.yaml:6:9: groups[0].rules[0].when: no condition kind; write one of above, below, change, trend, "
                        + "stall, absent, anomaly, significance, shift, all, any");
    }

    @Test
    void aChangeNeedsExactlyOneAmountAndWindowsOnlyForSpanningBaselines() {
        assertThat(problems(rule("kpi: nps", "when: {change: drop, percent: 10, absolute: 5}", "severity: info")))
                .containsExactly("r.yaml:6:43: groups[0].rules[0].when.absolute: give percent or absolute, not both");
        assertThat(problems(rule("kpi: nps", "when: {change: drop}", "severity: info"))).containsExactly(
                "r.yaml:6:16: groups[0].rules[0].when: a change needs percent: N (of the baseline) or absolute: X "
                        + "(in the KPI's unit)");
        assertThat(problems(rule("kpi: nps", "when: {change: drop, percent: 10, windows: 3}", "severity: info")))
                .containsExactly("r.yaml:6:43: groups[0].rules[0].when.windows: windows applies to the "
                        + "trailing_mean and same_weekday baselines; previous_window compares with a single window");
    }

    @Test
    void labelsCannotTakeReservedOrDimensionNames() {
        assertThat(problems("""
                groups:
                  - name: g
                    labels: {severity: high}
                    rules:
                      - alert: A
                        kpi: bounce_rate
                        when: {above: 0.5}
                        severity: info
                        labels: {page: all, alertname: B}
                """)).containsExactly(
                "r.yaml:3:14: groups[0].labels.severity: 'severity' is set from the rule's severity on every alert; "
                        + "choose another label name",
                "r.yaml:9:18: groups[0].rules[0].labels.page: 'page' is a dimension of KPI 'bounce_rate' and labels "
                        + "every alert of this rule with its series' value; choose another label name",
                "r.yaml:9:29: groups[0].rules[0].labels.alertname: 'alertname' is set from the rule's alert name on "
                        + "every alert; choose another label name");
    }

    @Test
    void everyProblemOfEveryFileIsReportedTogetherInFileAndLineOrder() {
        String a = DIR.resolve("broken/a.yaml").toString();
        String b = DIR.resolve("broken/b.yaml").toString();
        assertThat(problemsOf(() -> RuleLoader.load(DIR.resolve("broken"), CATALOG))).containsExactly(
                a + ":5:14: groups[0].rules[0].kpi: unknown KPI 'bounce_rat'; did you mean 'bounce_rate'?",
                a + ":6:30: groups[0].rules[0].when.precent: unknown key 'precent'; did you mean 'percent'?",
                a + ":7:19: groups[0].rules[0].severity: 'warnig' is not one of critical, warning, info; did you "
                        + "mean 'warning'?",
                b + ":2:11: groups[0].name: group 'web' is already defined at " + a + ":2:11; group names are "
                        + "unique across all rule files",
                b + ":6:14: groups[0].rules[0].for: '30s1m' must list units from largest to smallest, each once; "
                        + "write 1m30s",
                b + ":7:16: groups[0].rules[0].when.stall: KPI 'signups' is a count, which reports nothing for a "
                        + "window without events, so it never reads 0 and cannot stall; use {absent: <duration>} to "
                        + "alert when its events stop");
    }
}
