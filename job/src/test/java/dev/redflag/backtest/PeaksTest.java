package dev.redflag.backtest;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.redflag.backtest.Fixtures.CATALOG;
import static org.assertj.core.api.Assertions.assertThat;

class PeaksTest {

    private static final Map<String, String> PRICING = Map.of("tenant", "acme", "page", "/pricing");

    private static Condition when(String yaml) {
        RuleSet set = RuleLoader.parse("""
                groups:
                  - name: g
                    rules:
                      - alert: A
                        kpi: bounce_rate
                        when: %s
                        severity: info
                """.formatted(yaml), "t.yaml", Fixtures.CATALOG);
        return set.rules().get(0).condition();
    }

    @Test
    void theDirectionOfAConditionDecidesWhichExtremeIsThePeak() {
        assertThat(Peaks.direction(when("{above: 0.5}"))).isEqualTo(Condition.Direction.UP);
        assertThat(Peaks.direction(when("{change: drop, percent: 10}"))).isEqualTo(Condition.Direction.DOWN);
        assertThat(Peaks.direction(when("{stall: true}"))).isEqualTo(Condition.Direction.DOWN);
        assertThat(Peaks.direction(when("{any: [{change: rise, percent: 25}, {above: 0.6}]}")))
                .isEqualTo(Condition.Direction.UP);
        assertThat(Peaks.direction(when("{any: [{above: 0.6}, {below: 0.1}]}"))).isNull();
        assertThat(Peaks.direction(when("{anomaly: robust_z}"))).isNull();
    }

    @Test
    void thePeakIsTakenOverTheFiringPeriodOfTheAlertsOwnSeries() {
        List<KpiValue> values = List.of(
                Fixtures.value("bounce_rate", PRICING, 7, 0.75),
                Fixtures.value("bounce_rate", PRICING, 8, 0.9),   // the peak
                Fixtures.value("bounce_rate", Map.of("tenant", "acme", "page", "/blog"), 8, 0.99),
                Fixtures.value("bounce_rate", PRICING, 10, 0.95)); // the resolving window: after the period
        Fixtures.Bounce pricing = new Fixtures.Bounce("/pricing");
        Timeline timeline = Timeline.of(List.of(pricing.firing(7, 0.75), pricing.resolved(7, 10, 0.3)), Fixtures.CATALOG);
        assertThat(new Peaks(values, Fixtures.RULES, Fixtures.CATALOG).of(timeline.periods().get(0))).isEqualTo(0.9);
        assertThat(new Peaks(List.of(), Fixtures.RULES, Fixtures.CATALOG).of(timeline.periods().get(0))).isEqualTo(0.75);
        assertThat(new Peaks(values, Fixtures.RULES, Fixtures.CATALOG).text(timeline.periods().get(0))).isEqualTo("90%");
    }
}
