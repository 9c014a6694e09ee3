package dev.redflag.notify.slack;

import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A posted alert message with what someone did about one of its alerts ("Acknowledged by @alice at
 * 10:42"), for {@code chat.update}: the message as Slack sent it back with the click, a context
 * line right under the alert's buttons, replacing the line an earlier action left there. The
 * buttons stay, so that an acknowledged alert can still be snoozed or judged.
 */
public final class ActionStatus {

    /** The {@code block_id} prefix of an alert's status line; the fingerprint follows. */
    static final String STATUS_PREFIX = "redflag.status.";

    private static final Type LIST_OF_BLOCKS = TypeToken.getParameterized(List.class, LayoutBlock.class).getType();

    private ActionStatus() {
    }

    /**
     * @param text        the message's fallback text as posted
     * @param blocksJson  the message's {@code blocks} array as Slack sent it in the action's payload
     * @param fingerprint the alert acted on
     * @param status      the line to show, Slack mrkdwn; the caller escapes what came from users
     * @throws IllegalArgumentException when the blocks are not a Block Kit array
     */
    public static SlackMessage of(String channelId, String text, String blocksJson, String fingerprint,
                                  String status) {
        Objects.requireNonNull(status, "status");
        List<LayoutBlock> blocks;
        try {
            blocks = SlackJson.GSON.fromJson(blocksJson, LIST_OF_BLOCKS);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("the message's blocks are not readable", e);
        }
        if (blocks == null) {
            throw new IllegalArgumentException("the message has no blocks");
        }
        List<LayoutBlock> out = new ArrayList<>(blocks);
        ContextBlock line = ContextBlock.builder().blockId(STATUS_PREFIX + fingerprint)
                .elements(List.of(MarkdownTextObject.builder()
                        .text(SlackText.truncate(status, SlackLimits.CONTEXT_TEXT)).build()))
                .build();
        int existing = indexOf(out, STATUS_PREFIX + fingerprint);
        int actions = indexOf(out, AlertAction.BLOCK_PREFIX + fingerprint);
        if (existing >= 0) {
            out.set(existing, line);
        } else if (actions < 0) {
            out.add(line);
        } else if (out.size() < SlackLimits.MAX_BLOCKS) {
            out.add(actions + 1, line);
        } else {
            // a full message has no room for one more block: the status takes the buttons' place
            out.set(actions, line);
        }
        if (out.size() > SlackLimits.MAX_BLOCKS) {
            out.remove(out.size() - 1);
        }
        return new SlackMessage(channelId, text == null ? "" : text, out, null);
    }

    private static int indexOf(List<LayoutBlock> blocks, String blockId) {
        for (int i = 0; i < blocks.size(); i++) {
            LayoutBlock b = blocks.get(i);
            String id = b instanceof ActionsBlock a ? a.getBlockId() : b instanceof ContextBlock c ? c.getBlockId() : null;
            if (blockId.equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
