package dev.redflag.notify.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.LayoutBlock;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * The Slack message of one notification group: what the Slack receiver posts, kept apart from
 * posting so that its exact payload is pinned by golden files and a delivery retry resends the
 * very same bytes.
 *
 * @param channel channel to post to; null to leave it to the webhook or the caller
 * @param text    the fallback shown in notifications and by clients without blocks, e.g.
 *                {@code [FIRING:2] BounceRateRising}
 * @param blocks  the Block Kit layout, within Slack's limits
 * @param threadTs the {@code ts} of the message this one replies to in its thread; null for a new post
 */
public record SlackMessage(String channel, String text, List<LayoutBlock> blocks, String threadTs) {

    private static final Type LIST_OF_BLOCKS = TypeToken.getParameterized(List.class, LayoutBlock.class).getType();

    public SlackMessage {
        Objects.requireNonNull(text, "text");
        blocks = List.copyOf(blocks);
    }

    /**
     * The message for a group of alerts that share a group key, in the given order.
     *
     * <p>Preconditions (else {@link IllegalArgumentException}): at least one alert; only FIRING
     * and RESOLVED transitions, since PENDING is never notified; no shadow alerts, since shadow
     * rules are recorded and never notified, so the message has no way to mark one.
     *
     * @param groupTitle what the group is called in the header, usually its alert name
     */
    public static SlackMessage forGroup(String groupTitle, List<AlertEvent> alerts, Links links) {
        return forGroup(groupTitle, alerts, links, null);
    }

    /**
     * As {@link #forGroup(String, List, Links)}, with the action buttons on firing alerts when
     * {@code target} is not null.
     */
    public static SlackMessage forGroup(String groupTitle, List<AlertEvent> alerts, Links links, ActionTarget target) {
        Objects.requireNonNull(groupTitle, "groupTitle");
        Objects.requireNonNull(links, "links");
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a notification needs at least one alert");
        }
        for (AlertEvent alert : alerts) {
            if (alert.shadow()) {
                throw new IllegalArgumentException("shadow alerts are never notified: " + alert.fingerprint());
            }
            if (alert.phase() == Transition.Phase.PENDING) {
                throw new IllegalArgumentException("pending alerts are never notified: " + alert.fingerprint());
            }
        }
        GroupStatus status = GroupStatus.of(alerts);
        String text = SlackText.truncate(status.title(groupTitle), SlackLimits.FALLBACK_TEXT);
        return new SlackMessage(null, text, GroupBlocks.of(status, groupTitle, alerts, links, target), null);
    }

    public SlackMessage withChannel(String channel) {
        return new SlackMessage(channel, text, blocks, threadTs);
    }

    /** This message as a reply in the thread of the message with {@code ts} (bot API only). */
    public SlackMessage inThread(String ts) {
        return new SlackMessage(channel, text, blocks, Objects.requireNonNull(ts, "ts"));
    }

    /**
     * The {@code chat.postMessage} body: {@code channel} (when set), {@code thread_ts} (when set),
     * {@code text}, {@code blocks}, in that order.
     */
    public String toJson() {
        return toJson(null);
    }

    /**
     * The {@code chat.update} body that replaces the message {@code ts} in {@code channelId} (the
     * id {@code chat.postMessage} answered with) by this one.
     */
    public String toUpdateJson(String channelId, String ts) {
        return new SlackMessage(Objects.requireNonNull(channelId, "channelId"), text, blocks, null)
                .toJson(Objects.requireNonNull(ts, "ts"));
    }

    private String toJson(String updateTs) {
        Gson gson = SlackJson.GSON;
        JsonObject body = new JsonObject();
        if (channel != null) {
            body.addProperty("channel", channel);
        }
        if (updateTs != null) {
            body.addProperty("ts", updateTs);
        } else if (threadTs != null) {
            body.addProperty("thread_ts", threadTs);
        }
        body.addProperty("text", text);
        body.add("blocks", gson.toJsonTree(blocks, LIST_OF_BLOCKS));
        return gson.toJson(body);
    }
}
