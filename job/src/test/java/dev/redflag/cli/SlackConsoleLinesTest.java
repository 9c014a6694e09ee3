package dev.redflag.cli;

import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.slack.Links;
import dev.redflag.notify.slack.SlackNotifier;
import dev.redflag.notify.slack.SlackPreview;
import dev.redflag.notify.slack.TestAlerts;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's console lines for notifications: the very message the Slack sink posts. */
class SlackConsoleLinesTest {

    private static final AlertEvent BOUNCE = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate")
            .annotation("summary", "Bounce rate on /pricing is 43%")
            .firing(Map.of("page", "/pricing"), 0.43, 0.31, 38.709677);
    private static final Notification TO_GROWTH = new Notification("growth", "{}:{alertname=\"BounceRateRising\"}",
            "BounceRateRising", List.of(BOUNCE), 0);
    private static final Map<String, String> CHANNELS = Map.of("growth", "#growth-alerts");

    @Test
    void aNotificationShowsAsThePreviewOfThePayloadTheSinkPosts() {
        String posted = SlackNotifier.message(TO_GROWTH, "#growth-alerts", Links.none()).toJson();

        assertThat(lines(new SlackConsoleLines(CHANNELS, "", false, true), TO_GROWTH))
                .containsExactly(SlackPreview.of(posted));
        assertThat(SlackPreview.of(posted)).startsWith("""
                Slack #growth-alerts: :warning: [FIRING:1] BounceRateRising
                  > Bounce rate on /pricing is 43%
                    *43%* vs baseline 31% (+12 points)
                """);
    }

    @Test
    void withSlackJsonItIsTheExactPayloadMarkedAsADryRunWhenNothingIsPosted() {
        String posted = SlackNotifier.message(TO_GROWTH, "#growth-alerts", Links.none()).toJson();

        assertThat(lines(new SlackConsoleLines(CHANNELS, "", true, true), TO_GROWTH))
                .containsExactly("Slack message for #growth-alerts (dry run): " + posted);
        assertThat(lines(new SlackConsoleLines(CHANNELS, "", true, false), TO_GROWTH))
                .containsExactly("Slack message for #growth-alerts: " + posted);
    }

    @Test
    void aRepeatOfTheSamePayloadIsItsFirstLineAndAChangedOneIsShownWhole() {
        SlackConsoleLines console = new SlackConsoleLines(CHANNELS, "", false, true);
        AlertEvent resolved = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate")
                .resolved(Map.of("page", "/pricing"));
        Notification resolution = new Notification("growth", TO_GROWTH.groupKey(), "BounceRateRising",
                List.of(resolved), 2);
        String firing = lines(console, TO_GROWTH).get(0);

        Notification repeat = new Notification("growth", TO_GROWTH.groupKey(), "BounceRateRising", List.of(BOUNCE), 1);
        assertThat(lines(console, repeat))
                .containsExactly("Slack #growth-alerts: :warning: [FIRING:1] BounceRateRising  (sent again, unchanged)");
        assertThat(lines(console, resolution)).singleElement().asString()
                .startsWith("Slack #growth-alerts: :large_green_circle: [RESOLVED:1] BounceRateRising\n  > ");
        assertThat(lines(console, TO_GROWTH)).containsExactly(firing);
        assertThat(lines(new SlackConsoleLines(CHANNELS, "", true, true), TO_GROWTH)).hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("Slack message for #growth-alerts (dry run): {"));
    }

    @Test
    void aReceiverWithoutSlackShowsNothing() {
        Notification toPager = new Notification("pager", TO_GROWTH.groupKey(), "BounceRateRising", List.of(BOUNCE), 0);

        assertThat(lines(new SlackConsoleLines(CHANNELS, "", false, true), toPager)).isEmpty();
    }

    private static List<String> lines(SlackConsoleLines function, Notification n) {
        List<String> out = new ArrayList<>();
        function.flatMap(n, new Collector<>() {
            @Override
            public void collect(String record) {
                out.add(record);
            }

            @Override
            public void close() {
            }
        });
        return out;
    }
}
