package dev.redflag.scorecard;

import dev.redflag.rules.Condition.Direction;
import dev.redflag.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class RuleDirectionsTest {

    private static final RuleSet RULES = Rules.of("""
            groups:
              - name: g
                rules:
                  - {alert: Up, severity: warning, kpi: bounce_rate, when: {change: rise, percent: 20, baseline: previous_window}}
                  - {alert: Low, severity: warning, kpi: conversion_rate, when: {below: 0.05}}
                  - {alert: Stalled, severity: warning, kpi: mql_to_sql_rate, when: {stall: true, min_denominator: 5}}
                  - {alert: Odd, severity: warning, kpi: nps, when: {anomaly: robust_z, windows: 24}}
                  - alert: Both
                    severity: warning
                    kpi: bounce_rate
                    when:
                      any:
                        - {above: 0.9}
                        - {change: drop, percent: 50, baseline: previous_window}
                  - alert: Agreed
                    severity: warning
                    kpi: churn_rate
                    when:
                      all:
                        - {change: rise, percent: 100, baseline: trailing_mean, windows: 6}
                        - {above: 0.003}
            """);

    private static EnumSet<Direction> of(String alert) {
        return EnumSet.copyOf(RuleDirections.of(RULES.byId("g/" + alert).condition()));
    }

    @Test
    void eachConditionWatchesItsWay() {
        assertThat(of("Up")).containsExactly(Direction.UP);
        assertThat(of("Low")).containsExactly(Direction.DOWN);
        assertThat(of("Stalled")).containsExactly(Direction.DOWN);
        assertThat(of("Odd")).containsExactly(Direction.UP, Direction.DOWN);
        assertThat(of("Both")).containsExactly(Direction.UP, Direction.DOWN);
        assertThat(of("Agreed")).containsExactly(Direction.UP);
    }
}
