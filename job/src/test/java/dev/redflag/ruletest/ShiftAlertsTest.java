package dev.redflag.ruletest;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shift rule with {@code window: auto} through the replay behind {@code redflag test}: the alert
 * says which resolution judged it, a resolved notice has its own words, and the alerts topic carries
 * the resolution.
 */
class ShiftAlertsTest {

    private static final String RULES = """
            groups:
              - name: web
                rules:
                  - alert: BounceRateRising
                    kpi: bounce_rate
                    window: auto
                    when: {shift: rise, percent: 25}
                    severity: warning
                    annotations:
                      summary: "{{#firing}}Bounce on {{page}} rose to {{value}} over the last {{judged_window}} (usually {{baseline}}){{/firing}}{{#resolved}}Bounce on {{page}} is back to {{value}} (usually {{baseline}}){{/resolved}}"
            """;
    private static final long T0 = Instant.parse("2026-11-30T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final KpiCatalog catalog = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));
    private final ActiveRules active = new ActiveRules(RuleLoader.parse(RULES, "web.yaml", catalog), catalog);

    private static KpiValue bounce(long start, double bounces) {
        return new KpiValue("bounce_rate", "1h", Map.of("page", "/pricing", "tenant", "acme"), start, start + HOUR,
                bounces / 100, bounces, 100, 100, bounces, bounces, 100);
    }

    @Test
    void theAlertSaysWhichResolutionJudgedItAndResolvesInItsOwnWords() throws Exception {
        List<KpiValue> values = new ArrayList<>();
        for (int i = -28 * 24; i < 0; i++) {
            values.add(bounce(T0 + i * HOUR, 40));
        }
        for (int i = 0; i < 4; i++) {
            values.add(bounce(T0 + i * HOUR, 80));
        }
        for (int i = 4; i < 8; i++) {
            values.add(bounce(T0 + i * HOUR, 40));
        }
        List<AlertEvent> transitions = new Replay(active, AlertLifecycle.DEFAULT).run(values, List.of()).transitions();

        assertThat(transitions).extracting(e -> e.transition().phase() + " +" + (e.transition().at() - T0) / HOUR
                        + "h " + e.transition().judgedWindow() + " " + e.annotations().get("summary"))
                .containsExactly(
                        "FIRING +1h 1h Bounce on /pricing rose to 0.8 over the last 1h (usually 0.4)",
                        "RESOLVED +6h 1h Bounce on /pricing is back to 0.4 (usually 0.4)");
        AlertEventJson json = new AlertEventJson();
        String firing = json.write(transitions.get(0));
        assertThat(firing).contains("\"judgedWindow\":\"1h\"");
        assertThat(json.read(firing).transition().judgedWindow()).isEqualTo("1h");
        assertThat(json.read(firing)).isEqualTo(transitions.get(0));
        assertThat(transitions.get(0).transition().phase()).isEqualTo(Transition.Phase.FIRING);
    }

    @Test
    void templatesAndTheAlertsTopicHaveTheNumbersAsPeopleReadThemNextToTheRawOnes() throws Exception {
        String rules = RULES.replace("{{#firing}}Bounce on {{page}} rose to {{value}}",
                "{{#firing}}Bounce on {{page}} rose to {{value_text}} from {{baseline_text}} ({{change_text}}; "
                        + "raw {{value}} vs {{baseline}}, {{change_percent}}){{/firing}}{{#firing}}");
        ActiveRules readable = new ActiveRules(RuleLoader.parse(rules, "web.yaml", catalog), catalog);
        List<KpiValue> values = new ArrayList<>();
        for (int i = -28 * 24; i < 0; i++) {
            values.add(bounce(T0 + i * HOUR, 40));
        }
        values.add(bounce(T0, 80));

        AlertEvent firing = new Replay(readable, AlertLifecycle.DEFAULT).run(values, List.of()).transitions().get(0);

        assertThat(firing.annotations().get("summary")).startsWith(
                "Bounce on /pricing rose to 80% from 40% (+40 points; raw 0.8 vs 0.4, +100.0%)");
        String json = new AlertEventJson().write(firing);
        assertThat(json).contains("\"value\":0.8,")
                .contains("\"valueText\":\"80%\",\"baselineText\":\"40%\",\"changeText\":\"+40 points\"");
        assertThat(new AlertEventJson().read(json)).isEqualTo(firing);
        String withoutTexts = json.replaceAll(",\"valueText\":\"[^\"]*\",\"baselineText\":\"[^\"]*\","
                + "\"changeText\":\"[^\"]*\"", "");
        assertThat(new AlertEventJson().read(withoutTexts).valueText().value()).isEqualTo("0.8");
    }
}
