package dev.redflag.notify.slack;

/**
 * Where a message went, from Slack's answer to a post that was taken: what thread replies and
 * {@code chat.update} need. Both null for a webhook, whose answer is a bare {@code ok}.
 *
 * @param ts      the posted message's {@code ts}
 * @param channel the id of the channel it went to ({@code chat.update} needs the id, not the name)
 */
public record SlackPost(String ts, String channel) {

    static final SlackPost WEBHOOK = new SlackPost(null, null);
}
