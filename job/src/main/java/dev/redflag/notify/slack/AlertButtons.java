package dev.redflag.notify.slack;

import dev.redflag.notify.GrafanaLink;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.redflag.alert.AlertEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The next step from an alert is reading its runbook or looking at its series; a button for each
 * that exists. A runbook URL that is not http(s) or too long for Slack is left out rather than
 * risking the whole message.
 */
final class AlertButtons {

    private AlertButtons() {
    }

    static List<BlockElement> of(AlertEvent alert, Links links) {
        List<BlockElement> buttons = new ArrayList<>(2);
        String runbook = alert.annotations().get("runbook_url");
        if (WebUrl.isHttp(runbook) && runbook.strip().length() <= SlackLimits.BUTTON_URL) {
            buttons.add(button("runbook", "Runbook", runbook.strip()));
        }
        if (links.grafanaBaseUrl() != null) {
            String url = GrafanaLink.of(links.grafanaBaseUrl(), alert);
            if (url.length() <= SlackLimits.BUTTON_URL) {
                buttons.add(button("grafana", "Grafana", url));
            }
        }
        return buttons;
    }

    private static ButtonElement button(String actionId, String label, String url) {
        return ButtonElement.builder()
                .text(PlainTextObject.builder().text(label).build())
                .actionId(actionId)
                .url(url)
                .build();
    }
}
