package dev.redflag.notify.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.redflag.alert.AlertEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lays a group out within Slack's 50 blocks: header, then per alert its section and (when it has
 * buttons) an actions block, in the caller's order, then a "+K more" section for the alerts that
 * did not fit, then a context block with every alert's fingerprint and the silence hint. Alerts
 * are shown whole or not at all, and as many as fit with room left for the "+K more" line.
 */
final class GroupBlocks {

    /** Header and context. */
    private static final int FIXED_BLOCKS = 2;

    private GroupBlocks() {
    }

    static List<LayoutBlock> of(GroupStatus status, String groupTitle, List<AlertEvent> alerts, Links links) {
        return of(status, groupTitle, alerts, links, null);
    }

    /** With a target, firing alerts get the action buttons, in a block whose id names the alert. */
    static List<LayoutBlock> of(GroupStatus status, String groupTitle, List<AlertEvent> alerts, Links links,
                                ActionTarget target) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(status.emoji() + " " + status.title(groupTitle)));
        int budget = SlackLimits.MAX_BLOCKS - FIXED_BLOCKS;
        int used = 0;
        int shown = 0;
        for (AlertEvent alert : alerts) {
            List<BlockElement> buttons = AlertButtons.of(alert, links, target);
            int cost = buttons.isEmpty() ? 1 : 2;
            boolean last = shown == alerts.size() - 1;
            if (used + cost + (last ? 0 : 1) > budget) {
                break;
            }
            blocks.add(section(AlertSection.text(alert, status.phase())));
            if (!buttons.isEmpty()) {
                blocks.add(ActionsBlock.builder().elements(buttons)
                        .blockId(AlertButtons.hasActions(buttons) ? AlertAction.BLOCK_PREFIX + alert.fingerprint() : null)
                        .build());
            }
            used += cost;
            shown++;
        }
        int hidden = alerts.size() - shown;
        if (hidden > 0) {
            blocks.add(section("+" + hidden + " more"));
        }
        blocks.add(context(alerts, links));
        return blocks;
    }

    private static HeaderBlock header(String text) {
        return HeaderBlock.builder()
                .text(PlainTextObject.builder().text(SlackText.truncate(text, SlackLimits.HEADER_TEXT)).emoji(true).build())
                .build();
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(mrkdwn).build()).build();
    }

    private static ContextBlock context(List<AlertEvent> alerts, Links links) {
        List<ContextBlockElement> elements = new ArrayList<>(2);
        String fingerprints = alerts.stream().map(a -> "`" + SlackText.escape(a.fingerprint()) + "`")
                .collect(Collectors.joining(", "));
        elements.add(mrkdwn((alerts.size() == 1 ? "Fingerprint: " : "Fingerprints: ") + fingerprints));
        if (links.silenceHint() != null) {
            elements.add(mrkdwn(SlackText.escape(links.silenceHint())));
        }
        return ContextBlock.builder().elements(elements).build();
    }

    private static MarkdownTextObject mrkdwn(String text) {
        return MarkdownTextObject.builder().text(SlackText.truncate(text, SlackLimits.CONTEXT_TEXT)).build();
    }
}
