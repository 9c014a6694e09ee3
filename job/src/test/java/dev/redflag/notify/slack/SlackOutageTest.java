package dev.redflag.notify.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.delivery.HeldSleeper;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.delivery.PendingNotices;
import dev.redflag.notify.delivery.PendingPolicy;
import dev.redflag.notify.delivery.RecordingSleeper;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.dispatch.Notification;
import dev.redflag.notify.slack.SlackStandIn.Answer;
import dev.redflag.testing.Await;
import dev.redflag.testing.HttpStandIn.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack down, against the stand-in over real HTTP: a notification that fails its quick attempts
 * waits and goes once Slack answers again, replaced meanwhile by its group's newer state; a
 * refusal for good drops it; a restore sends what was waiting, as resent when it was out.
 * Waits for retries are held by a {@link HeldSleeper} and let go by the test.
 */
class SlackOutageTest {

    private static final String TOKEN = "xoxb-1234-5678-tokenSecret";
    private static final String GROUP = "route:{alertname=\"BounceRateRising\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackStandIn slack = SlackStandIn.answeringOk();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HeldSleeper retries = new HeldSleeper(1_000_000);
    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, PendingNotices.Backlog>> backlogs = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    private SlackNotifier notifier(SlackEndpoint endpoint, boolean everyTransition) {
        // quick attempts: three, without waiting; then 5 s, 10 s, ... capped at 30 s, without jitter
        RetryPolicy quick = RetryPolicy.defaults().withoutJitter();
        PendingNotices pending = new PendingNotices(key -> new PendingPolicy(Duration.ofSeconds(30), everyTransition),
                new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(5), 2), new Random(1));
        return new SlackNotifier(new SlackSender(endpoint, client, quick, new RecordingSleeper()),
                !endpoint.isWebhook(), Map.of("web", "#alerts"), Links.none(), new SlackNotifier.Listener() {
                    @Override
                    public void delivered(Notification n, String call, Outcome<SlackPost> d, boolean resent,
                                          Duration sinceHandOver) {
                        heard.add(call + " " + (d.sent() ? "sent" : d.retryable() ? "failed for now" : "refused: "
                                + d.error()) + (resent ? " (resent)" : ""));
                    }

                    @Override
                    public void backlog(Map<String, PendingNotices.Backlog> byReceiver) {
                        backlogs.add(byReceiver);
                    }
                }, null, pending, retries, retries);
    }

    private SlackNotifier webhook(boolean everyTransition) {
        return notifier(SlackEndpoint.webhook(slack.url("/services/T0/B0/hookSecret")), everyTransition);
    }

    private static Notification notification(AlertEvent alert, long at) {
        return new Notification("web", GROUP, "BounceRateRising", List.of(alert), at);
    }

    private static final Map<String, String> PAGE = Map.of("page", "/checkout");

    private static AlertEvent firing() {
        return TestAlerts.rule("web", "BounceRateRising", "critical", "bounce_rate").firing(PAGE, 0.42, 0.2, 110);
    }

    private static AlertEvent resolved() {
        return TestAlerts.rule("web", "BounceRateRising", "critical", "bounce_rate").resolved(PAGE);
    }

    private List<String> texts() {
        return slack.received().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).get("text").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private void awaitWaiting() throws InterruptedException {
        Await.until(Duration.ofSeconds(10), retries::waiting, n -> n == 1);
    }

    @Test
    void aNotificationOutlivesAnOutageAndSlackIsToldTheGroupAsItStandsOnceBack() throws Exception {
        slack.answer(Answer.of(500, "down"), Answer.of(503, "down"), Answer.tooManyRequests(0),
                Answer.of(500, "down"), Answer.of(500, "down"), Answer.of(500, "down"));
        SlackNotifier notifier = webhook(false);
        notifier.submit(notification(firing(), 1_000));
        awaitWaiting();
        assertThat(heard).containsExactly("post failed for now");
        assertThat(backlogs.get(backlogs.size() - 1).get("web").pending()).isEqualTo(1);
        assertThat(backlogs.get(backlogs.size() - 1).get("web").consecutiveFailures()).isEqualTo(1);

        retries.letGo();
        Await.until(Duration.ofSeconds(10), () -> heard.size(), n -> n == 2);
        awaitWaiting();
        // while it waits, the alert resolves: the waiting firing is replaced, not sent after all
        notifier.submit(notification(resolved(), 2_000));
        retries.letGo();
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(texts()).containsExactly(
                "[FIRING:1] BounceRateRising", "[FIRING:1] BounceRateRising", "[FIRING:1] BounceRateRising",
                "[FIRING:1] BounceRateRising", "[FIRING:1] BounceRateRising", "[FIRING:1] BounceRateRising",
                "[RESOLVED:1] BounceRateRising");
        assertThat(heard).containsExactly("post failed for now", "post failed for now", "post sent");
        assertThat(retries.delays()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(backlogs.get(backlogs.size() - 1)).isEmpty();
        assertThat(notifier.state().pending()).isEmpty();
    }

    @Test
    void aRouteThatSendsEveryTransitionGetsThemAllInOrderOnceSlackIsBack() throws Exception {
        slack.answer(Answer.of(500, "down"), Answer.of(500, "down"), Answer.of(500, "down"));
        SlackNotifier notifier = webhook(true);
        notifier.submit(notification(firing(), 1_000));
        awaitWaiting();
        notifier.submit(notification(resolved(), 2_000));
        notifier.submit(notification(firing(), 3_000));
        assertThat(notifier.inFlight()).isEqualTo(3);
        retries.letGo();
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(texts().subList(3, texts().size())).containsExactly(
                "[FIRING:1] BounceRateRising", "[RESOLVED:1] BounceRateRising", "[FIRING:1] BounceRateRising");
    }

    @Test
    void aRefusalForGoodDropsTheNotificationAndTheGroupGoesOn() throws Exception {
        slack.answer(Answer.apiError("channel_not_found"));
        SlackNotifier notifier = notifier(SlackEndpoint.bot(TOKEN, slack.url("/api")), false);
        notifier.submit(notification(firing(), 1_000));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).containsExactly("post refused: slack error: channel_not_found");
        assertThat(backlogs.get(backlogs.size() - 1)).containsExactly(
                Map.entry("web", new PendingNotices.Backlog(0, 0, 1)));
        assertThat(retries.delays()).isEmpty();

        notifier.submit(notification(firing(), 2_000));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).containsExactly("post refused: slack error: channel_not_found", "post sent");
        assertThat(slack.received()).hasSize(2);
    }

    @Test
    void aThreadReplyThatFailsIsRetriedAsAReplyAndTheOriginalIsUpdatedOnceItGoes() throws Exception {
        SlackNotifier notifier = notifier(SlackEndpoint.bot(TOKEN, slack.url("/api")), false);
        notifier.submit(notification(firing(), 1_000));
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        slack.answer(Answer.of(502, "bad gateway"), Answer.of(502, "bad gateway"), Answer.of(502, "bad gateway"));
        notifier.submit(notification(resolved(), 2_000));
        awaitWaiting();
        retries.letGo();
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(slack.received()).extracting(Received::path).containsExactly("/api/chat.postMessage",
                "/api/chat.postMessage", "/api/chat.postMessage", "/api/chat.postMessage",
                "/api/chat.postMessage", "/api/chat.update");
        assertThat(JSON.readTree(slack.received().get(4).body()).get("thread_ts").asText())
                .isEqualTo("1700000000.000001");
        assertThat(heard).containsExactly("post sent", "reply failed for now", "reply sent", "update sent");
        assertThat(notifier.state().threads()).isEmpty();
    }

    @Test
    void aRestoreSendsWhatWaitedAndCountsWhatWasOutAsResent() throws Exception {
        Notification out = notification(firing(), 1_000);
        Notification waiting = new Notification("web", "route:{alertname=\"Other\"}", "Other",
                List.of(resolved()), 2_000);
        SlackNotifier.State state = new SlackNotifier.State(List.of(
                new PendingNotices.Pending(out, 1_000, 0, 1_000, true),
                new PendingNotices.Pending(waiting, 2_000, 4, 9_000, false)), Map.of());
        SlackNotifier restored = webhook(false);
        restored.restore(state);
        assertThat(restored.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).containsExactlyInAnyOrder("post sent (resent)", "post sent");
        assertThat(texts()).containsExactlyInAnyOrder("[FIRING:1] BounceRateRising", "[RESOLVED:1] Other");
    }
}
