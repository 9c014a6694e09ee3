package dev.redflag.cli;

import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.slack.Links;
import dev.redflag.notify.slack.SlackNotifier;
import dev.redflag.notify.slack.SlackPreview;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Each notification for a Slack receiver as the demo's console shows it: the message the Slack
 * sink posts ({@link SlackNotifier#message}, same channel and links), as a text preview or, with
 * {@code --slack-json}, as its exact JSON. A group's repeat (its repeat interval, shortened by the
 * demo's speed, passes every few seconds) that posts the very same payload as the last time is one
 * line, its first, so the console is not filled with copies. Runs at parallelism 1, as the
 * dispatcher does, so it sees every notification.
 */
final class SlackConsoleLines implements FlatMapFunction<Notification, String> {

    static final String UNCHANGED = "  (sent again, unchanged)";

    private final Map<String, String> channels;
    private final String grafanaBaseUrl;
    private final boolean json;
    private final boolean dryRun;
    /** Channel and group key to the payload last shown; a console may forget it on a restart. */
    private transient Map<String, String> lastShown;

    /**
     * @param channels receiver name to Slack channel, as the Slack sink has them
     * @param dryRun   Slack is not configured: the messages are only shown
     */
    SlackConsoleLines(Map<String, String> channels, String grafanaBaseUrl, boolean json, boolean dryRun) {
        this.channels = Map.copyOf(channels);
        this.grafanaBaseUrl = grafanaBaseUrl;
        this.json = json;
        this.dryRun = dryRun;
    }

    @Override
    public void flatMap(Notification n, Collector<String> out) {
        String channel = channels.get(n.receiver());
        if (channel == null) {
            return;
        }
        String payload = SlackNotifier.message(n, channel, new Links(grafanaBaseUrl, null)).toJson();
        if (json) {
            out.collect("Slack message for " + channel + (dryRun ? " (dry run): " : ": ") + payload);
            return;
        }
        if (lastShown == null) {
            lastShown = new HashMap<>();
        }
        String preview = SlackPreview.of(payload);
        if (payload.equals(lastShown.put(channel + " " + n.groupKey(), payload))) {
            out.collect(preview.lines().findFirst().orElseThrow() + UNCHANGED);
        } else {
            out.collect(preview);
        }
    }
}
