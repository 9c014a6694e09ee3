package dev.redflag.notify.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.redflag.alert.AlertEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageLimitsTest {

    private static final TestAlerts RULE = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate");

    @Test
    void headerIsCutTo150CharsWithAnEllipsis() {
        SlackMessage message = SlackMessage.forGroup("B".repeat(400), List.of(alert(0)), Links.none());

        String header = ((HeaderBlock) message.blocks().get(0)).getText().getText();
        assertThat(header).hasSize(150).startsWith(":warning: [FIRING:1] BBB").endsWith("B…");
        assertThat(message.text()).startsWith("[FIRING:1] BBB").hasSizeLessThanOrEqualTo(3000);
    }

    @Test
    void sectionTextIsCutTo3000Chars() {
        assertThat(sectionText("x".repeat(5000))).hasSize(3000).endsWith("xx…");
    }

    @Test
    void sectionTextIsCutBeforeAnEntityThatWouldNotFit() {
        // 749 whole "&lt;" take 2996 chars; the 750th would end past the 2999 left before the ellipsis
        String text = sectionText("<".repeat(2000));

        assertThat(text.length()).isEqualTo(2997);
        assertThat(text).startsWith("&lt;&lt;").endsWith("&lt;…");
    }

    private static String sectionText(String summary) {
        AlertEvent alert = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate")
                .annotation("summary", summary)
                .firing(Map.of("page", "/pricing"), 0.43, 0.31, 38.7);
        return sectionTexts(SlackMessage.forGroup("BounceRateRising", List.of(alert), Links.none())).get(0);
    }

    @Test
    void groupThatFitsExactlyUsesAll50BlocksWithoutMoreLine() {
        SlackMessage message = SlackMessage.forGroup("BounceRateRising", alerts(48), Links.none());

        assertThat(message.blocks()).hasSize(50);
        assertThat(sectionTexts(message)).hasSize(48).noneMatch(t -> t.contains("more"));
    }

    @Test
    void oneAlertTooManyLeavesRoomForTheMoreLine() {
        SlackMessage message = SlackMessage.forGroup("BounceRateRising", alerts(49), Links.none());

        assertThat(message.blocks()).hasSize(50);
        List<String> sections = sectionTexts(message);
        assertThat(sections).hasSize(48).last().isEqualTo("+2 more");
    }

    @Test
    void alertsWithButtonsCountTheirActionsBlock() {
        Links grafana = new Links("https://grafana.example", null);
        SlackMessage message = SlackMessage.forGroup("BounceRateRising", alerts(100), grafana);

        assertThat(message.blocks()).hasSizeLessThanOrEqualTo(50);
        assertThat(message.blocks().stream().filter(b -> b instanceof ActionsBlock)).hasSize(23);
        assertThat(sectionTexts(message)).last().isEqualTo("+77 more");
        assertThat(message.text()).isEqualTo("[FIRING:100] BounceRateRising");
    }

    private static List<AlertEvent> alerts(int n) {
        List<AlertEvent> alerts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            alerts.add(alert(i));
        }
        return alerts;
    }

    private static AlertEvent alert(int i) {
        return RULE.firing(Map.of("page", "/p" + i), 0.5, 0.4, 25);
    }

    private static List<String> sectionTexts(SlackMessage message) {
        List<String> texts = new ArrayList<>();
        for (LayoutBlock block : message.blocks()) {
            if (block instanceof SectionBlock section) {
                texts.add(((MarkdownTextObject) section.getText()).getText());
            }
        }
        return texts;
    }
}
