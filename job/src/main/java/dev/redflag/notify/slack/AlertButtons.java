package dev.redflag.notify.slack;

import dev.redflag.alert.Transition;
import dev.redflag.notify.GrafanaLink;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.OverflowMenuElement;
import dev.redflag.alert.AlertEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The next step from an alert is reading its runbook or looking at its series; a button for each
 * that exists. A runbook URL that is not http(s) or too long for Slack is left out rather than
 * risking the whole message. With an {@link ActionTarget}, a firing alert also gets the buttons
 * that {@code redflag slack-actions} answers: Acknowledge, Real problem, False alarm, each carrying
 * the {@link AlertAction}, and a Snooze menu whose options carry only the length (Slack allows 150
 * characters in an option's value), the service reading the alert from the Acknowledge button of
 * the same block.
 */
final class AlertButtons {

    /** The snooze menu's option values, read by the service. */
    static final List<String> SNOOZE_OPTIONS = List.of("1h", "1d", "monday");

    private AlertButtons() {
    }

    static List<BlockElement> of(AlertEvent alert, Links links) {
        return of(alert, links, null);
    }

    static List<BlockElement> of(AlertEvent alert, Links links, ActionTarget target) {
        List<BlockElement> buttons = new ArrayList<>(6);
        if (target != null && alert.phase() == Transition.Phase.FIRING) {
            Optional<String> value = AlertAction.of(alert, target.receiver(), target.groupKey()).toValue();
            value.ifPresent(v -> {
                buttons.add(action(AlertAction.ACKNOWLEDGE, "Acknowledge", v, "primary"));
                buttons.add(snooze());
                buttons.add(action(AlertAction.REAL_PROBLEM, "Real problem", v, null));
                buttons.add(action(AlertAction.FALSE_ALARM, "False alarm", v, "danger"));
            });
        }
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

    /** Whether the elements hold the action buttons, so that their block needs an id. */
    static boolean hasActions(List<BlockElement> elements) {
        return elements.stream().anyMatch(e -> e instanceof ButtonElement b && AlertAction.ACKNOWLEDGE.equals(b.getActionId()));
    }

    private static ButtonElement button(String actionId, String label, String url) {
        return ButtonElement.builder()
                .text(PlainTextObject.builder().text(label).build())
                .actionId(actionId)
                .url(url)
                .build();
    }

    private static ButtonElement action(String actionId, String label, String value, String style) {
        return ButtonElement.builder()
                .text(PlainTextObject.builder().text(label).build())
                .actionId(actionId)
                .value(value)
                .style(style)
                .build();
    }

    private static OverflowMenuElement snooze() {
        List<OptionObject> options = List.of(
                option("Snooze 1 hour", SNOOZE_OPTIONS.get(0)),
                option("Snooze 1 day", SNOOZE_OPTIONS.get(1)),
                option("Snooze until Monday 09:00", SNOOZE_OPTIONS.get(2)));
        return OverflowMenuElement.builder().actionId(AlertAction.SNOOZE).options(options).build();
    }

    private static OptionObject option(String label, String value) {
        return OptionObject.builder().text(PlainTextObject.builder().text(label).build()).value(value).build();
    }
}
