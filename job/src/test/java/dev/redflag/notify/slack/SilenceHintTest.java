package dev.redflag.notify.slack;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SilenceHintTest {

    private static final TestAlerts BOUNCE = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate");

    @Test
    void matchesWhatEveryAlertOfTheGroupShares() {
        String hint = SilenceHint.of(List.of(
                BOUNCE.firing(Map.of("tenant", "acme", "page", "/pricing", "team", "growth"), 0.7, 0.3, 133),
                BOUNCE.firing(Map.of("tenant", "acme", "page", "/blog", "team", "growth"), 0.8, 0.3, 166)));

        assertThat(hint).isEqualTo("Silence: redflag silence add --matcher 'alertname=\"BounceRateRising\"' "
                + "--matcher 'team=\"growth\"' --matcher 'tenant=\"acme\"' --duration 2h --comment '...' --publish");
    }

    @Test
    void quotesValuesForTheMatcherAndTheShell() {
        String hint = SilenceHint.of(List.of(BOUNCE.firing(Map.of("page", "/it's \"new\""), 0.7, 0.3, 133)));

        assertThat(hint).contains("--matcher 'page=\"/it'\\''s \\\"new\\\"\"'");
    }
}
