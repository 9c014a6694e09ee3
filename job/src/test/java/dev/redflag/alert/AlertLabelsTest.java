package dev.redflag.alert;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Rule;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.redflag.rules.eval.TestRules.HOUR;
import static dev.redflag.rules.eval.TestRules.T0;
import static dev.redflag.rules.eval.TestRules.above;
import static dev.redflag.rules.eval.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class AlertLabelsTest {

    private static KpiValue value(Map<String, String> dims) {
        return new KpiValue("bounce_rate", "1h", dims, T0, T0 + HOUR, 0.43, 43, 100, 100);
    }

    @Test
    void identityThenDimsThenRuleLabelsSortedByName() {
        Rule r = rule(above(0.4)).labels(Map.of("team", "web")).build();
        assertThat(AlertLabels.of(r, value(Map.of("page", "/pricing", "channel", "seo"))))
                .containsExactly(
                        entry("alertname", "BounceRateRising"),
                        entry("channel", "seo"),
                        entry("kpi", "bounce_rate"),
                        entry("page", "/pricing"),
                        entry("severity", "warning"),
                        entry("team", "web"),
                        entry("window", "1h"));
    }

    @Test
    void ruleLabelsWinOverDimsButNotOverTheAlertsIdentity() {
        Rule r = rule(above(0.4)).labels(Map.of("page", "all", "kpi", "other", "alertname", "X")).build();
        assertThat(AlertLabels.of(r, value(Map.of("page", "/pricing", "window", "1d"))))
                .containsEntry("page", "all")
                .containsEntry("kpi", "bounce_rate")
                .containsEntry("alertname", "BounceRateRising")
                .containsEntry("window", "1h");
    }

    @Test
    void noSeverityLabelWhenTheRuleHasNone() {
        Rule r = rule(above(0.4)).severity(null).build();
        assertThat(AlertLabels.of(r, value(Map.of()))).doesNotContainKey("severity").hasSize(3);
    }
}
