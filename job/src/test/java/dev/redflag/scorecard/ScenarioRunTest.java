package dev.redflag.scorecard;

import dev.redflag.alert.AlertLifecycle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One scenario through the rule step, with a rule whose judgement is plain. */
class ScenarioRunTest {

    private static final ScorecardRules RULES = new ScorecardRules(Rules.of("""
            groups:
              - name: web
                rules:
                  - {alert: BounceAbove60, severity: warning, kpi: bounce_rate, when: {above: 0.6}, min_sample: 100}
                  - {alert: BounceAbsent, severity: warning, kpi: bounce_rate, when: {absent: 2h}}
                  - {alert: Daily, severity: warning, kpi: conversion_rate, window: 1h, when: {below: 0.01}}
                  - {alert: Checkout, severity: warning, kpi: bounce_rate, match: {page: /checkout}, when: {above: 0.5}}
            """), Catalogs.shipped(), List.of("bounce_rate", "conversion_rate"));

    @Test
    void aBusyPageDoublingItsBounceRateFiresInTheIncidentsFirstHourAndNowhereElse() throws Exception {
        Scenario s = Grid.incident(Grid.MODELS.get(0), Volume.perHour(3000), Effect.times(2), Duration.ofDays(1), 0);
        Outcome o = ScenarioRun.run(s, RULES, AlertLifecycle.DEFAULT);
        assertThat(o.firings()).extracting(Firing::ruleId).containsExactly("web/BounceAbove60");
        assertThat(o.detected()).isTrue();
        assertThat(o.timeToDetect()).isEqualTo(Scenario.HOUR);
        assertThat(o.falseAlerts()).isZero();
        // 3,000 sessions an hour, 0.4 -> 0.8: far beyond 5 SE even with the histories' day-to-day spread
        assertThat(o.effectSize()).isGreaterThan(10);
    }

    @Test
    void absenceRulesAreLeftOutAndRulesTheGeneratedSeriesDoesNotMeetAreNamed() {
        assertThat(RULES.counts()).containsExactly(java.util.Map.entry("bounce_rate", 1),
                java.util.Map.entry("conversion_rate", 1));
        assertThat(RULES.notExercised()).containsExactly("web/Checkout (matchers [page=\"/checkout\"])");
    }
}
