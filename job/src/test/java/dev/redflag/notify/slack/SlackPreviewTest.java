package dev.redflag.notify.slack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The text the demo shows for a Slack message, read from the golden payloads the receiver posts. */
class SlackPreviewTest {

    @Test
    void aFiringAlertShowsChannelTitleSectionButtonsAndContextWithSlacksEscapesKept() throws IOException {
        assertThat(SlackPreview.of(golden("escaped.json"))).isEqualTo("""
                Slack: :red_circle: [FIRING:1] BounceRateRising &lt;!here&gt;
                  > Bounce rate on /pricing is 43% (baseline 31%)
                    *43%* vs baseline 31% (+12 points)
                    Window: 10:00–11:00 UTC 2026-11-02
                    Labels: kpi=bounce_rate, page=&lt;!channel&gt; &amp; &lt;@U123&gt;, window=1h
                    [Runbook] [Grafana]
                  Fingerprint: `cac9c3165b510286`
                  Silence: redflag silence add fingerprint=&lt;fingerprint&gt; --for 2h""");
    }

    @Test
    void aReplyNamesItsChannelAndThreadAndShowsEverySection() throws IOException {
        assertThat(SlackPreview.of(golden("job-resolved-reply.json"))).isEqualTo("""
                Slack #web-alerts (reply in thread 1700000000.000001): :large_green_circle: [RESOLVED:2] BounceHigh
                  > Bounce on /blog is 0%
                    *0%*
                    Window: 11:00–12:00 UTC 2026-11-20
                    Labels: kpi=bounce_rate, page=/blog, tenant=acme, window=1h
                  > Bounce on /pricing is 0%
                    *0%*
                    Window: 11:00–12:00 UTC 2026-11-20
                    Labels: kpi=bounce_rate, page=/pricing, tenant=acme, window=1h
                  Fingerprints: `4a88171cff264676`, `5f3441e2f43eb9aa`
                  Silence: redflag silence add --matcher 'alertname="BounceHigh"' --matcher 'tenant="acme"' \
                --duration 2h --comment '...' --publish""");
    }

    @Test
    void aCutGroupShowsTheAlertsThatFitAndTheRemainderAsSent() throws IOException {
        StringBuilder expected = new StringBuilder("Slack: :information_source: [FIRING:60] BounceRateRising\n");
        for (int i = 0; i < 23; i++) {
            expected.append("""
                      > *50%%* vs baseline 40%% (+10 points)
                        Window: 10:00–11:00 UTC 2026-11-02
                        Labels: kpi=bounce_rate, page=/p%d, window=1h
                        [Runbook]
                    """.formatted(i));
        }
        expected.append("  > +37 more\n");
        expected.append("  Fingerprints: ");

        String preview = SlackPreview.of(golden("truncated.json"));

        assertThat(preview).startsWith(expected.toString());
        assertThat(preview.lines().filter(l -> l.startsWith("  > "))).hasSize(24);
        assertThat(preview.lines().toList()).hasSize(1 + 23 * 4 + 1 + 1);
        assertThat(preview).doesNotContain("/p23,");
    }

    @Test
    void fieldsAccessoriesDividersAndImagesHaveALineEach() {
        String payload = """
                {"text": "fallback", "blocks": [
                  {"type": "section", "fields": [{"type": "mrkdwn", "text": "*Tenant*\\nacme"},
                                                 {"type": "plain_text", "text": "Page /pricing"}],
                   "accessory": {"type": "button", "text": {"type": "plain_text", "text": "Open"}, "url": "https://x"}},
                  {"type": "divider"},
                  {"type": "context", "elements": [{"type": "image", "image_url": "https://x/i.png", "alt_text": "logo"}]},
                  {"type": "rich_text", "elements": []}
                ]}""";

        assertThat(SlackPreview.of(payload)).isEqualTo("""
                Slack: fallback
                  > *Tenant*
                    acme
                    Page /pricing
                    [Open]
                  ---
                  [logo]
                  (rich_text block)""");
    }

    @Test
    void anOverflowMenuShowsItsOptionsForItHasNoLabelOfItsOwn() {
        String payload = """
                {"text": "fallback", "blocks": [
                  {"type": "actions", "elements": [
                    {"type": "button", "text": {"type": "plain_text", "text": "Acknowledge"}, "value": "a"},
                    {"type": "overflow", "action_id": "redflag.snooze", "options": [
                      {"text": {"type": "plain_text", "text": "Snooze 1 hour"}, "value": "1h"},
                      {"text": {"type": "plain_text", "text": "Snooze 1 day"}, "value": "1d"}]},
                    {"type": "datepicker"}]}
                ]}""";

        assertThat(SlackPreview.of(payload)).isEqualTo("""
                Slack: fallback
                    [Acknowledge] [Snooze 1 hour | Snooze 1 day] [datepicker]""");
    }

    private static String golden(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/notify/slack", name), StandardCharsets.UTF_8);
    }
}
