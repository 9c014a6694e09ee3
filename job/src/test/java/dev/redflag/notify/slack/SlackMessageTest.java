package dev.redflag.notify.slack;

import dev.redflag.notify.GrafanaLink;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackMessageTest {

    private static final TestAlerts RULE = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate");

    @Test
    void refusesWhatIsNeverNotified() {
        AlertEvent firing = RULE.firing(Map.of("page", "/a"), 1, 1, 0);
        AlertEvent shadow = new AlertEvent(firing.ruleId(), firing.alertname(), firing.severity(), true,
                firing.fingerprint(), firing.kpi(), firing.window(), firing.labels(), firing.annotations(),
                firing.transition());
        AlertEvent pending = RULE.event(Map.of("page", "/a"), Transition.Phase.PENDING, 1, 1, 0, false);

        assertThatThrownBy(() -> SlackMessage.forGroup("g", List.of(), Links.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlackMessage.forGroup("g", List.of(firing, shadow), Links.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shadow");
        assertThatThrownBy(() -> SlackMessage.forGroup("g", List.of(pending), Links.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pending");
    }

    @Test
    void mixedGroupIsFiringCountsFiringAndMarksTheResolvedOne() {
        AlertEvent resolved = RULE.event(Map.of("page", "/a"), Transition.Phase.RESOLVED, 1, 1, 0, false);
        AlertEvent critical = TestAlerts.rule("web", "BounceRateRising", "critical", "bounce_rate")
                .firing(Map.of("page", "/b"), 2, 1, 100);
        AlertEvent info = TestAlerts.rule("web", "BounceRateRising", "info", "bounce_rate")
                .firing(Map.of("page", "/c"), 2, 1, 100);

        SlackMessage message = SlackMessage.forGroup("BounceRateRising", List.of(resolved, info, critical), Links.none());

        assertThat(message.text()).isEqualTo("[FIRING:2] BounceRateRising");
        assertThat(message.toJson()).contains(":red_circle: [FIRING:2] BounceRateRising")
                .contains("\"text\":\":large_green_circle: *RESOLVED*\\n*100%* vs baseline 100% (±0 points)");
    }

    @Test
    void jsonStartsWithChannelThenTextThenBlocks() {
        SlackMessage message = SlackMessage.forGroup("BounceRateRising", List.of(RULE.firing(Map.of(), 1, 1, 0)),
                Links.none());

        assertThat(message.toJson()).startsWith("{\"text\":\"[FIRING:1] BounceRateRising\",\"blocks\":[{\"type\":\"header\"");
        assertThat(message.withChannel("C123").toJson()).startsWith("{\"channel\":\"C123\",\"text\":");
        assertThat(message.toJson()).isEqualTo(message.toJson());
    }

    @Test
    void runbookButtonOnlyForWebUrls() {
        for (String url : List.of("javascript:alert(1)", "slack://open", "/wiki/bounce", "https://", "not a url",
                "http://wiki.example/a b")) {
            AlertEvent alert = TestAlerts.rule("web", "A", "info", "k").annotation("runbook_url", url)
                    .firing(Map.of(), 1, 1, 0);
            assertThat(SlackMessage.forGroup("A", List.of(alert), Links.none()).toJson()).as(url)
                    .doesNotContain("Runbook");
        }
        AlertEvent good = TestAlerts.rule("web", "A", "info", "k").annotation("runbook_url", "HTTP://wiki.example/a")
                .firing(Map.of(), 1, 1, 0);
        assertThat(SlackMessage.forGroup("A", List.of(good), Links.none()).toJson()).contains("Runbook");
    }

    @Test
    void linksRejectNonWebGrafanaAndDropTrailingSlashes() {
        assertThatThrownBy(() -> new Links("grafana.example", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Links("https://g.example/grafana//", " ").grafanaBaseUrl()).isEqualTo("https://g.example/grafana");
        assertThat(new Links(" ", " ")).isEqualTo(Links.none());
    }

    @Test
    void grafanaLinkEncodesLabelsAndSkipsReservedOnes() {
        AlertEvent alert = RULE.firing(Map.of("page", "/prix été?a=1&b", "zone", "eu"), 1, 1, 0);

        assertThat(GrafanaLink.of("https://g.example", alert)).isEqualTo("https://g.example/d/redflag-kpis"
                + "?var-kpi=bounce_rate&var-page=%2Fprix+%C3%A9t%C3%A9%3Fa%3D1%26b&var-window=1h&var-zone=eu");
    }

    @Test
    void windowsReadShort() {
        long h = 3_600_000L;
        long day = TestAlerts.WINDOW_START - 10 * h;   // 2026-11-02T00:00Z
        assertThat(KpiText.window(day + 23 * h, day + 24 * h)).isEqualTo("23:00–00:00 UTC 2026-11-02");
        assertThat(KpiText.window(day, day + 48 * h)).isEqualTo("2026-11-02 00:00 – 2026-11-04 00:00 UTC");
        assertThat(KpiText.window(AlertState.NO_TIME, day)).isEmpty();
    }
}
