package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.notify.delivery.HeldSleeper;
import dev.redflag.notify.delivery.RecordingSleeper;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.delivery.Sleeper;
import dev.redflag.testing.Await;
import dev.redflag.testing.HttpStandIn.Received;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The sink writer without Flink: batches, order, checkpointed state, backpressure and metrics over real HTTP. */
class AlertmanagerWriterTest {

    private static final Instant FIRED = Instant.parse("2026-11-02T10:45:00Z");
    private static final Instant NOW = Instant.parse("2026-11-02T11:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AlertmanagerStandIn alertmanager = AlertmanagerStandIn.start();
    private final WriterFixture fixture = new WriterFixture();
    private final MetricsHub hub = fixture.hub();

    @AfterEach
    void stop() {
        fixture.close();
        alertmanager.close();
    }

    private AlertmanagerSettings settings(URI... urls) {
        return new AlertmanagerSettings(List.of(urls), Duration.ofMinutes(1), null, RetryPolicy.defaults());
    }

    private AlertmanagerWriter writer(AlertmanagerSettings settings, Instant now, Collection<AlertEvent> restored,
                                      int maxBatch, int maxWaiting) {
        return fixture.open(settings, InstantSource.fixed(now), restored, maxBatch, maxWaiting, Sleeper.system(),
                new Random());
    }

    private AlertmanagerWriter writer() {
        return writer(settings(alertmanager.baseUri()), NOW, List.of(), AlertmanagerWriter.MAX_BATCH,
                AlertmanagerWriter.MAX_WAITING);
    }

    private static String body(Instant now, AlertEvent... alerts) {
        List<PostableAlert> postable = new ArrayList<>();
        for (AlertEvent alert : alerts) {
            postable.add(PostableAlert.of(alert, now, Duration.ofMinutes(1), null).orElseThrow());
        }
        return AlertmanagerJson.write(postable);
    }

    private void awaitRequests(int count) throws InterruptedException {
        Await.until(WAIT, alertmanager::received, r -> r.size() >= count);
    }

    private double notifications(String outcome, URI url) {
        return fixture.notifications(outcome, AlertmanagerUrl.of(url).receiver());
    }

    @Test
    void postsWhatItIsHandedAndCountsIt() throws Exception {
        AlertEvent firing = TestAlerts.firing("/pricing", FIRED);
        AlertmanagerWriter writer = writer();

        writer.write(firing, null);
        writer.flush(true);

        assertThat(alertmanager.received()).extracting(Received::path, Received::body)
                .containsExactly(tuple("/api/v2/alerts", body(NOW, firing)));
        assertThat(body(NOW, firing)).contains("\"endsAt\":\"2026-11-02T11:04:00.000Z\"");
        assertThat(writer.snapshotState(1)).isEmpty();
        URI url = alertmanager.baseUri();
        assertThat(notifications("sent", url)).isEqualTo(1);
        String receiver = AlertmanagerUrl.of(url).receiver();
        assertThat(hub.registry().get("redflag_notification_attempts").tags("receiver", receiver).counter().count())
                .isEqualTo(1);
        Timer latency = hub.registry().get("redflag_notification_latency").tags("receiver", receiver).timer();
        assertThat(latency.count()).isEqualTo(1);
    }

    @Test
    void pendingAndShadowAlertsAreNotPosted() throws Exception {
        AlertmanagerWriter writer = writer();

        writer.write(TestAlerts.event("/a", Transition.Phase.PENDING, FIRED, null, false), null);
        writer.write(TestAlerts.event("/a", Transition.Phase.FIRING, FIRED, null, true), null);
        writer.flush(true);

        assertThat(alertmanager.received()).isEmpty();
        assertThat(writer.snapshotState(1)).isEmpty();
    }

    @Test
    void whatArrivesDuringAPostIsTheNextBatchWithResendsSuperseded() throws Exception {
        AlertEvent pricing = TestAlerts.firing("/pricing", FIRED);
        AlertEvent home = TestAlerts.firing("/home", FIRED);
        AlertEvent homeFlapping = TestAlerts.flapping(home);
        AlertEvent pricingResolved = TestAlerts.resolved("/pricing", FIRED, FIRED.plusSeconds(3600));
        AlertmanagerWriter writer = writer();
        alertmanager.hold();

        writer.write(pricing, null);
        awaitRequests(1);
        writer.write(home, null);
        writer.write(pricingResolved, null);
        writer.write(homeFlapping, null);

        // in flight first, then waiting; the second /home replaced the first in its place
        assertThat(writer.snapshotState(7)).containsExactly(pricing, homeFlapping, pricingResolved);
        alertmanager.release();
        writer.flush(true);
        assertThat(alertmanager.received()).extracting(Received::body)
                .containsExactly(body(NOW, pricing), body(NOW, homeFlapping, pricingResolved));
        assertThat(writer.snapshotState(8)).isEmpty();
        assertThat(notifications("sent", alertmanager.baseUri())).isEqualTo(3);
    }

    @Test
    void aRestoredWriterPostsItsStateFirstWithAFreshEndsAt() throws Exception {
        AlertEvent pricing = TestAlerts.firing("/pricing", FIRED);
        AlertEvent homeResolved = TestAlerts.resolved("/home", FIRED, FIRED.plusSeconds(600));
        AlertmanagerWriter before = writer();
        alertmanager.hold();
        before.write(pricing, null);
        awaitRequests(1);
        before.write(homeResolved, null);
        AlertStateSerializer serializer = new AlertStateSerializer();
        List<AlertEvent> checkpoint = new ArrayList<>();
        for (AlertEvent alert : before.snapshotState(3)) {
            checkpoint.add(serializer.deserialize(serializer.getVersion(), serializer.serialize(alert)));
        }
        assertThat(checkpoint).containsExactly(pricing, homeResolved);
        before.close();
        alertmanager.release();

        Instant later = NOW.plus(Duration.ofDays(2));
        AlertmanagerWriter after = writer(settings(alertmanager.baseUri()), later, checkpoint,
                AlertmanagerWriter.MAX_BATCH, AlertmanagerWriter.MAX_WAITING);
        after.flush(true);

        List<Received> received = alertmanager.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).body()).isEqualTo(body(later, pricing, homeResolved))
                .contains("\"endsAt\":\"2026-11-04T11:04:00.000Z\"", "\"endsAt\":\"2026-11-02T10:55:00.000Z\"");
    }

    @Test
    void everyAlertmanagerGetsEveryAlertAndIsCountedOnItsOwn() throws Exception {
        try (AlertmanagerStandIn second = AlertmanagerStandIn.start()) {
            second.answer(400);
            AlertEvent firing = TestAlerts.firing("/pricing", FIRED);
            AlertmanagerWriter writer = writer(settings(alertmanager.baseUri(), second.baseUri()), NOW, List.of(),
                    AlertmanagerWriter.MAX_BATCH, AlertmanagerWriter.MAX_WAITING);

            writer.write(firing, null);
            writer.flush(true);

            assertThat(alertmanager.received()).extracting(Received::body).containsExactly(body(NOW, firing));
            assertThat(second.received()).extracting(Received::body).containsExactly(body(NOW, firing));
            assertThat(notifications("sent", alertmanager.baseUri())).isEqualTo(1);
            assertThat(notifications("failed", second.baseUri())).isEqualTo(1);
            assertThat(notifications("sent", second.baseUri())).isZero();
            // given up is done: not kept for a later checkpoint
            assertThat(writer.snapshotState(1)).isEmpty();
        }
    }

    @Test
    void batchesAreCutAtTheirSize() throws Exception {
        AlertmanagerWriter writer = writer(settings(alertmanager.baseUri()), NOW, List.of(), 2,
                AlertmanagerWriter.MAX_WAITING);
        alertmanager.hold();
        List<AlertEvent> alerts = List.of(TestAlerts.firing("/a", FIRED), TestAlerts.firing("/b", FIRED),
                TestAlerts.firing("/c", FIRED), TestAlerts.firing("/d", FIRED));

        writer.write(alerts.get(0), null);
        awaitRequests(1);
        for (AlertEvent alert : alerts.subList(1, 4)) {
            writer.write(alert, null);
        }
        alertmanager.release();
        writer.flush(true);

        assertThat(alertmanager.received()).extracting(Received::body).containsExactly(body(NOW, alerts.get(0)),
                body(NOW, alerts.get(1), alerts.get(2)), body(NOW, alerts.get(3)));
    }

    @Test
    void writeWaitsWhileTooManyAlertsWait() throws Exception {
        AlertmanagerWriter writer = writer(settings(alertmanager.baseUri()), NOW, List.of(), 1, 1);
        alertmanager.hold();
        writer.write(TestAlerts.firing("/a", FIRED), null);
        awaitRequests(1);
        writer.write(TestAlerts.firing("/b", FIRED), null);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread third = new Thread(() -> {
            try {
                writer.write(TestAlerts.firing("/c", FIRED), null);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "third-write");

        third.start();
        Await.until(WAIT, third::getState, s -> s == Thread.State.WAITING);
        assertThat(writer.snapshotState(1)).extracting(a -> a.labels().get("page")).containsExactly("/a", "/b");
        alertmanager.release();
        third.join(WAIT.toMillis());
        writer.flush(true);

        assertThat(third.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(alertmanager.received()).hasSize(3);
    }

    @Test
    void closeGivesBackTheMetricsHub() {
        AlertmanagerWriter writer = writer();

        writer.close();

        assertThat(hub.isClosed()).isTrue();
    }

    @Test
    void aResolutionIsPostedAgainUntilAlertmanagerTakesItAndIsHeldInTheStateMeanwhile() throws Exception {
        // the first batch gets 503 on all three quick attempts, the second 502 on all three, then Alertmanager is back
        alertmanager.answer(503, 503, 503, 502, 502, 502);
        HeldSleeper waits = new HeldSleeper(NOW.toEpochMilli());
        AlertmanagerWriter writer = fixture.open(settings(alertmanager.baseUri()), waits, List.of(),
                AlertmanagerWriter.MAX_BATCH, AlertmanagerWriter.MAX_WAITING, waits, new Random(7));
        AlertEvent resolved = TestAlerts.resolved("/pricing", FIRED, FIRED.plusSeconds(600));
        AlertEvent blog = TestAlerts.firing("/blog", FIRED);

        writer.write(resolved, null);
        Await.until(WAIT, waits::waiting, n -> n == 1);
        assertThat(alertmanager.received()).hasSize(3);
        assertThat(writer.snapshotState(1)).containsExactly(resolved);
        String receiver = AlertmanagerUrl.of(alertmanager.baseUri()).receiver();
        assertThat(gauge("redflag_notifications_pending", receiver)).isEqualTo(1);
        assertThat(gauge("redflag_notification_consecutive_failures", receiver)).isEqualTo(1);

        // what comes during the wait goes behind the alert that waits, and is counted as pending at once
        writer.write(blog, null);
        assertThat(alertmanager.received()).hasSize(3);
        assertThat(gauge("redflag_notifications_pending", receiver)).isEqualTo(2);
        waits.letGo();
        Await.until(WAIT, waits::waiting, n -> n == 1);
        assertThat(gauge("redflag_notification_consecutive_failures", receiver)).isEqualTo(2);
        waits.letGo();
        writer.flush(true);

        // the clock moves in whole milliseconds
        Instant second = NOW.plusMillis(waits.delays().get(0).toMillis());
        Instant third = second.plusMillis(waits.delays().get(1).toMillis());
        assertThat(alertmanager.received()).extracting(Received::body).containsExactly(
                body(NOW, resolved), body(NOW, resolved), body(NOW, resolved),
                body(second, resolved, blog), body(second, resolved, blog), body(second, resolved, blog),
                body(third, resolved, blog));
        assertThat(writer.snapshotState(2)).isEmpty();
        assertThat(notifications("sent", alertmanager.baseUri())).isEqualTo(2);
        assertThat(notifications("failed", alertmanager.baseUri())).isZero();
        assertThat(gauge("redflag_notifications_pending", receiver)).isZero();
        assertThat(gauge("redflag_notification_consecutive_failures", receiver)).isZero();
    }

    @Test
    void theWaitAfterABatchThatWasNotTakenGrowsWithJitterUpToTheResendInterval() {
        AlertmanagerWriter writer = fixture.open(settings(alertmanager.baseUri()), InstantSource.fixed(NOW), List.of(),
                1, 1, new RecordingSleeper(), new Random(3));
        // 5 s, 10 s, 20 s, 40 s, each within 20%; then the resend interval of 1 minute
        long[][] bounds = {{4_000, 6_000}, {8_000, 12_000}, {16_000, 24_000}, {32_000, 48_000}};
        for (int failures = 1; failures <= 4; failures++) {
            assertThat(writer.retryDelay(failures).toMillis()).isBetween(bounds[failures - 1][0],
                    bounds[failures - 1][1]);
        }
        assertThat(writer.retryDelay(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(writer.retryDelay(30)).isEqualTo(Duration.ofMinutes(1));
    }

    private double gauge(String name, String receiver) {
        return fixture.gauge(name, receiver);
    }
}
