package dev.redflag.backtest;

import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.redflag.backtest.Fixtures.CATALOG;
import static dev.redflag.backtest.Fixtures.RULES;
import static dev.redflag.backtest.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

class SeriesNamesTest {

    private final Fixtures.Bounce pricing = new Fixtures.Bounce("/pricing");

    @Test
    void anAlertIsNamedByItsSeriesDimsWithoutTheLabelsItsRuleAdds() {
        Timeline timeline = Timeline.of(List.of(pricing.firing(3, 0.7), pricing.resolved(3, 5, 0.3),
                pricing.firing(8, 0.8), Fixtures.stallFiring(4)), CATALOG);
        Map<String, List<AlertPeriod>> periods = new SeriesNames(RULES).periods(timeline);
        assertThat(periods).containsOnlyKeys("BounceRateRising{page=\"/pricing\",tenant=\"acme\"}",
                "MqlToSqlStalled{channel=\"ads\",tenant=\"acme\"}");
        assertThat(periods.get("BounceRateRising{page=\"/pricing\",tenant=\"acme\"}"))
                .extracting(AlertPeriod::start).containsExactly(t(3), t(8));
    }

    @Test
    void anAlertNameUsedByTwoGroupsGetsItsGroup() {
        RuleSet other = RuleLoader.parse("""
                groups:
                  - name: seo
                    rules:
                      - alert: BounceRateRising
                        kpi: bounce_rate
                        when: {above: 0.9}
                        severity: info
                """, "other.yaml", CATALOG);
        Timeline timeline = Timeline.of(List.of(pricing.firing(3, 0.7)), CATALOG);
        assertThat(new SeriesNames(RULES, other).periods(timeline))
                .containsOnlyKeys("web/BounceRateRising{page=\"/pricing\",tenant=\"acme\"}");
    }

    @Test
    void quotesAndBackslashesInValuesAreEscapedAsPrometheusDoes() {
        assertThat(AlertSeries.braces(Map.of("page", "/a\"b\\c\nd", "tenant", "x")))
                .isEqualTo("{page=\"/a\\\"b\\\\c\\nd\",tenant=\"x\"}");
        assertThat(AlertSeries.braces(Map.of())).isEqualTo("{}");
    }
}
