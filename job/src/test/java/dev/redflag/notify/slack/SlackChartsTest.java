package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.delivery.HttpDelivery;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.RecordingSleeper;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.slack.SlackStandIn.Answer;
import dev.redflag.rules.eval.ChartData;
import dev.redflag.testing.HttpStandIn.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart of a firing, shared in the thread of its Slack message through Slack's upload flow. */
class SlackChartsTest {

    private static final String TOKEN = "xoxb-1234-5678-tokenSecret";
    private static final long HOUR = 3_600_000L;

    private final SlackStandIn slack = SlackStandIn.answeringOk();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    private SlackNotifier notifier() {
        SlackEndpoint endpoint = SlackEndpoint.bot(TOKEN, slack.url("/api"));
        RetryPolicy policy = RetryPolicy.defaults().withoutJitter();
        SlackFiles files = new SlackFiles(endpoint,
                new HttpDelivery(client, policy, sleeper, new Random(1), Duration.ofSeconds(5)));
        return new SlackNotifier(new SlackSender(endpoint, client, policy, sleeper), true, Map.of("web", "#alerts"),
                Links.none(), new SlackNotifier.Listener() {
                    @Override
                    public void delivered(Notification n, String call, Outcome<SlackPost> d, boolean resent,
                                          Duration sinceHandOver) {
                        heard.add(call + " " + (d.sent() ? "sent" : "failed"));
                    }

                    @Override
                    public void chartShared(Notification n, AlertEvent alert, Outcome<String> upload) {
                        heard.add("chart " + (upload.sent() ? "sent " + upload.value() : "failed: " + upload.error()));
                    }
                }, files);
    }

    private static AlertEvent firingWithChart() {
        return firingWithChart("/checkout");
    }

    private static AlertEvent firingWithChart(String page) {
        long end = TestAlerts.WINDOW_END;
        List<ChartData.Point> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long start = end - (6 - i) * HOUR;
            points.add(new ChartData.Point(start, i == 5 ? 0.42 : 0.2 + 0.01 * i, 0.2, Double.NaN, 0.3));
        }
        return TestAlerts.rule("web", "BounceRateRising", "critical", "bounce_rate")
                .firing(Map.of("page", page), 0.42, 0.2, 110)
                .withChart(new ChartData("ratio", HOUR, end - HOUR, end, points));
    }

    private static Notification notification(AlertEvent alert) {
        return new Notification("web", "{}:{alertname=\"BounceRateRising\"}", "BounceRateRising", List.of(alert),
                TestAlerts.WINDOW_END);
    }

    @Test
    void theChartFollowsTheMessageIntoItsThreadThroughTheUploadFlow() throws Exception {
        SlackNotifier notifier = notifier();
        notifier.submit(notification(firingWithChart()));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(30))).isTrue();

        List<Received> requests = slack.received();
        assertThat(requests).extracting(Received::path).containsExactly("/api/chat.postMessage",
                "/api/files.getUploadURLExternal", "/upload/F0001", "/api/files.completeUploadExternal");
        Received getUrl = requests.get(1);
        byte[] png = requests.get(2).bytes();
        assertThat(getUrl.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(getUrl.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(getUrl.body()).isEqualTo("filename=BounceRateRising.png&length=" + png.length
                + "&alt_txt=Chart+of+bounce_rate+on+page%3D%2Fcheckout+with+its+baseline+and+the+band+the+rule+fires"
                + "+outside");

        Received upload = requests.get(2);
        assertThat(upload.header("Authorization")).as("the token stays with the API").isNull();
        assertThat(upload.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(800);

        Received complete = requests.get(3);
        assertThat(complete.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(complete.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(complete.body()).isEqualTo("{\"files\":[{\"id\":\"F0001\",\"title\":\"bounce_rate on page=/checkout\"}],"
                + "\"channel_id\":\"C123\",\"thread_ts\":\"1700000000.000001\"}");
        assertThat(heard).containsExactly("post sent", "chart sent F0001");
    }

    /** The thread each completed upload went to, and its file's title. */
    private List<String> sharedCharts() throws Exception {
        List<String> out = new ArrayList<>();
        for (Received r : slack.received()) {
            if (r.path().equals("/api/files.completeUploadExternal")) {
                var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
                out.add(body.get("thread_ts").asText() + " " + body.get("files").get(0).get("title").asText());
            }
        }
        return out;
    }

    @Test
    void anAlertThatJoinsAnOpenThreadGetsItsChartThereOnce() throws Exception {
        SlackNotifier notifier = notifier();
        AlertEvent checkout = firingWithChart("/checkout");
        AlertEvent pricing = firingWithChart("/pricing");
        String group = "{}:{alertname=\"BounceRateRising\"}";
        notifier.submit(new Notification("web", group, "BounceRateRising", List.of(checkout), 1));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(30))).isTrue();
        // /pricing joins the group: the reply shows both, and /pricing's chart follows it into the thread
        notifier.submit(new Notification("web", group, "BounceRateRising", List.of(checkout, pricing), 2));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(30))).isTrue();
        // the same two again (a repeat): nothing new to chart
        notifier.submit(new Notification("web", group, "BounceRateRising", List.of(checkout, pricing), 3));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(30))).isTrue();

        assertThat(sharedCharts()).containsExactly("1700000000.000001 bounce_rate on page=/checkout",
                "1700000000.000001 bounce_rate on page=/pricing");
        assertThat(heard.subList(0, 2)).containsExactly("post sent", "chart sent F0001");
        // the upload runs beside the update of the original message
        assertThat(heard.subList(2, heard.size())).containsExactlyInAnyOrder("reply sent", "chart sent F0002",
                "update sent", "reply sent", "update sent");
        // the reply came before the chart of the alert it brought
        List<String> paths = slack.received().stream().map(Received::path).toList();
        assertThat(paths.subList(4, paths.size())).startsWith("/api/chat.postMessage");
        assertThat(notifier.state().threads().get(group).shown()).hasSize(2);
    }

    @Test
    void theThreadsItShowedSurviveACheckpoint() throws Exception {
        SlackNotifier.PostedThread thread = new SlackNotifier.PostedThread("C123", "1700000000.000001",
                java.util.Set.of("f00d@1", "beef@2"));
        SlackNotifier.State state = new SlackNotifier.State(List.of(), Map.of("g", thread));
        SlackStateSerializer serializer = new SlackStateSerializer();

        assertThat(serializer.getVersion()).isEqualTo(2);
        assertThat(serializer.deserialize(2, serializer.serialize(state))).isEqualTo(state);
        // a version 1 thread (channel and ts only) has shown nothing
        org.apache.flink.core.memory.DataOutputSerializer v1 = new org.apache.flink.core.memory.DataOutputSerializer(64);
        v1.writeInt(0);
        v1.writeInt(1);
        v1.writeUTF("g");
        v1.writeUTF("C123");
        v1.writeUTF("1700000000.000001");
        assertThat(serializer.deserialize(1, v1.getCopyOfBuffer()).threads())
                .containsExactly(Map.entry("g", new SlackNotifier.PostedThread("C123", "1700000000.000001")));
    }

    @Test
    void aFailedUploadLosesNeitherTheMessageNorTheNextOne() throws Exception {
        // the message goes; Slack refuses the upload URL for good
        slack.answer(Answer.apiOk("1700000000.000001"), Answer.apiError("missing_scope"));
        SlackNotifier notifier = notifier();
        Notification firing = notification(firingWithChart());
        notifier.submit(firing);
        assertThat(notifier.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(slack.received()).extracting(Received::path)
                .containsExactly("/api/chat.postMessage", "/api/files.getUploadURLExternal");
        assertThat(heard).containsExactly("post sent", "chart failed: files.getUploadURLExternal: slack error: missing_scope");

        // the upload itself failing for good: the chart is lost, the thread goes on
        heard.clear();
        slack.answer(Answer.apiOk("1700000000.000002"), Answer.of(200,
                "{\"ok\":true,\"upload_url\":\"" + slack.url("/upload/F0009") + "\",\"file_id\":\"F0009\"}"),
                Answer.of(403, "denied"));
        SlackNotifier second = notifier();
        second.submit(new Notification("web", "other", "BounceRateRising", firing.alerts(), firing.at()));
        assertThat(second.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(heard).containsExactly("post sent", "chart failed: upload: HTTP 403: denied");
    }

    @Test
    void aWebhookNotifierSharesNoChart() {
        SlackEndpoint endpoint = SlackEndpoint.webhook(slack.url("/services/T/B/x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SlackFiles(endpoint,
                        HttpDelivery.create(RetryPolicy.defaults())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bot token");
    }
}
