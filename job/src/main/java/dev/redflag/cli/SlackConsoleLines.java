package dev.redflag.cli;

import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.slack.Links;
import dev.redflag.notify.slack.SlackNotifier;
import dev.redflag.notify.slack.SlackPreview;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.Map;

/**
 * Each notification for a Slack receiver as the demo's console shows it: the message the Slack
 * sink posts ({@link SlackNotifier#message}, same channel and links), as a text preview or, with
 * {@code --slack-json}, as its exact JSON.
 */
final class SlackConsoleLines implements FlatMapFunction<Notification, String> {

    private final Map<String, String> channels;
    private final String grafanaBaseUrl;
    private final boolean json;
    private final boolean dryRun;

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
        out.collect(json ? "Slack message for " + channel + (dryRun ? " (dry run): " : ": ") + payload
                : SlackPreview.of(payload));
    }
}
