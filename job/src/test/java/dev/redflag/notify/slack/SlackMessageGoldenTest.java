package dev.redflag.notify.slack;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact payloads of the message builder, pinned by golden files ({@link SlackGolden}).
 */
class SlackMessageGoldenTest {

    private static final Links LINKS = new Links("https://grafana.example/",
            "Silence: redflag silence add fingerprint=<fingerprint> --for 2h");

    private static final TestAlerts BOUNCE = TestAlerts.rule("web-engagement", "BounceRateRising", "critical", "bounce_rate")
            .annotation("summary", "Bounce rate on /pricing is 43% (baseline 31%)")
            .annotation("runbook_url", "https://wiki.example/bounce-rate");

    @Test
    void firingWithRunbookAndGrafana() throws IOException {
        AlertEvent alert = BOUNCE.firing(Map.of("page", "/pricing", "channel", "web", "team", "web"),
                0.43, 0.31, 38.709677);

        SlackMessage message = SlackMessage.forGroup("BounceRateRising", List.of(alert), LINKS)
                .withChannel("#alerts-web");

        assertGolden("firing.json", message);
    }

    /**
     * Issue 16: the slice that fired the alert, what explains the change and example sessions, escaped
     * like all text from data.
     */
    @Test
    void firingExplainedBySlices() throws IOException {
        AlertEvent alert = TestAlerts.rule("web-engagement", "BounceRateRising", "warning", "bounce_rate")
                .annotation("summary", "Bounce rate on /pricing rose to 48%")
                .annotation(AlertEvent.SLICE, "channel=paid,device=mobile")
                .annotation(AlertEvent.WHY, "channel=paid, device=mobile: 41% → 96% on 17% of sessions, 97% of the rise\n"
                        + "device=<mobile>: 41% → 60% on 50% of sessions, 20% of the rise")
                .annotation(AlertEvent.EXAMPLES, "2acb6dff0fdc · channel=paid, device=mobile\n"
                        + "657b0593b703 · channel=paid, device=<mobile>")
                .firing(Map.of("page", "/pricing", "channel", "web", "team", "web"), 0.96, 0.41, 134);

        SlackMessage message = SlackMessage.forGroup("BounceRateRising", List.of(alert), LINKS);

        assertGolden("explained.json", message);
    }

    @Test
    void firingWithActionButtons() throws IOException {
        AlertEvent alert = BOUNCE.firing(Map.of("page", "/pricing", "channel", "web", "team", "web"),
                0.43, 0.31, 38.709677);

        SlackMessage message = SlackMessage.forGroup("BounceRateRising", List.of(alert), LINKS,
                new ActionTarget("web", "route:{}:{alertname=\"BounceRateRising\"}")).withChannel("#alerts-web");

        assertGolden("firing-actions.json", message);
    }

    @Test
    void resolved() throws IOException {
        AlertEvent alert = TestAlerts.rule("funnel", "CheckoutConversionDrop", "warning", "checkout_conversion")
                .format(new KpiFormat(KpiFormat.Kind.RATIO, 1, ""))
                .annotation("summary", "Checkout conversion on mobile is back at 3.1%")
                .event(Map.of("device", "mobile"), Transition.Phase.RESOLVED, 0.031, 0.032, -3.125, false);

        SlackMessage message = SlackMessage.forGroup("CheckoutConversionDrop", List.of(alert), Links.none());

        assertGolden("resolved.json", message);
    }

    @Test
    void groupWithFlappingAlert() throws IOException {
        TestAlerts rule = TestAlerts.rule("web-engagement", "SessionsStalled", "warning", "sessions")
                .format(new KpiFormat(KpiFormat.Kind.COUNT, 1, ""))
                .annotation("summary", "Sessions are stalling")
                .annotation("runbook_url", "ftp://wiki.example/not-a-web-page");
        List<AlertEvent> alerts = List.of(
                rule.firing(Map.of("page", "/home"), 0, 120, -100),
                rule.event(Map.of("page", "/pricing"), Transition.Phase.FIRING, 3, 95, -96.842, true),
                rule.firing(Map.of("page", "/signup"), 1, Double.NaN, Double.NaN));

        SlackMessage message = SlackMessage.forGroup("SessionsStalled", alerts, LINKS);

        assertGolden("group-flapping.json", message);
    }

    @Test
    void sixtyAlertsAreCutWithExactRemainder() throws IOException {
        TestAlerts rule = TestAlerts.rule("web-engagement", "BounceRateRising", "info", "bounce_rate")
                .annotation("runbook_url", "https://wiki.example/bounce-rate");
        List<AlertEvent> alerts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            alerts.add(rule.firing(Map.of("page", "/p" + i), 0.5, 0.4, 25));
        }

        SlackMessage message = SlackMessage.forGroup("BounceRateRising", alerts, Links.none());

        // 23 alerts with a section and a runbook button each, leaving room for "+37 more"
        assertThat(message.blocks()).hasSize(1 + 23 * 2 + 1 + 1);
        assertGolden("truncated.json", message);
    }

    @Test
    void mentionsInLabelValuesAreEscaped() throws IOException {
        AlertEvent alert = BOUNCE.firing(Map.of("page", "<!channel> & <@U123>"), 0.43, 0.31, 38.709677);

        SlackMessage message = SlackMessage.forGroup("BounceRateRising <!here>", List.of(alert), LINKS);

        assertThat(message.toJson()).doesNotContain("<!channel>", "<@U123>", "<!here>")
                .contains("page=&lt;!channel&gt; &amp; &lt;@U123&gt;");
        assertGolden("escaped.json", message);
    }

    private static void assertGolden(String name, SlackMessage message) throws IOException {
        SlackGolden.assertMatches(name, message.toJson());
    }
}
