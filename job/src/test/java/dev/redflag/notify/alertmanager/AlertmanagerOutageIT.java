package dev.redflag.notify.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.delivery.HeldSleeper;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.testing.AlertmanagerApi;
import dev.redflag.testing.AlertmanagerProcess;
import dev.redflag.testing.Await;
import dev.redflag.testing.HttpStandIn.Received;
import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alertmanager down through an incident, against a real one (Debian's {@code prometheus-alertmanager})
 * behind an {@link AlertmanagerFront}: the Alertmanager sink's writer with its real HTTP client, its
 * waits held by the test. While connections are refused an alert fires, another fires and the one
 * Alertmanager already had resolves; the writer is restored from its checkpointed state, as after a
 * task manager failure; then every post is answered 500 while the first alert resolves too. Once
 * Alertmanager is back it must show each alert as it stands: the still-firing one active with exactly
 * its labels and startsAt, both resolved ones not active, the one whose firing it never took never
 * shown firing, and what reached it in order.
 */
@RequiresProgram(Program.ALERTMANAGER)
class AlertmanagerOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WriterFixture fixture = new WriterFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void afterRefusedConnectionsARestoreAnd500sAlertmanagerShowsEachAlertAsItStandsWithNothingLost() throws Exception {
        Instant fired = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));
        AlertEvent home = TestAlerts.firing("/home", fired);
        AlertEvent homeResolved = TestAlerts.resolved("/home", fired, fired.plusSeconds(300));
        AlertEvent pricing = TestAlerts.firing("/pricing", fired.plusSeconds(60));
        AlertEvent pricingResolved = TestAlerts.resolved("/pricing", fired.plusSeconds(60), fired.plusSeconds(420));
        AlertEvent blog = TestAlerts.firing("/blog", fired.plusSeconds(120));
        Map<String, Instant> resolvedAt = Map.of("/home", fired.plusSeconds(300), "/pricing", fired.plusSeconds(420));

        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start();
             AlertmanagerFront front = AlertmanagerFront.refusing(alertmanager.baseUri())) {
            AlertmanagerSettings settings = new AlertmanagerSettings(List.of(front.baseUri()), Duration.ofMinutes(1),
                    null, RetryPolicy.defaults());
            String receiver = AlertmanagerUrl.of(front.baseUri()).receiver();

            // before the outage: /home fires and Alertmanager has it
            front.passThrough();
            HeldSleeper firstWaits = new HeldSleeper(Instant.now().toEpochMilli());
            AlertmanagerWriter first = open(settings, firstWaits, List.of());
            first.write(home, null);
            assertThat(Await.until(WAIT, alertmanager::alerts, a -> a.size() == 1)).singleElement()
                    .satisfies(a -> assertThat(a.labels()).containsExactlyInAnyOrderEntriesOf(home.labels()));
            front.refuse(); // connections refused from here on

            // /pricing fires: refused on every quick attempt, it waits in the writer's state
            first.write(pricing, null);
            Await.until(WAIT, firstWaits::waiting, n -> n == 1);
            first.write(homeResolved, null);
            first.write(blog, null);
            assertThat(first.snapshotState(1)).containsExactly(pricing, homeResolved, blog);
            assertThat(gauge("redflag_notification_consecutive_failures", receiver)).isEqualTo(1);

            // a restore from the checkpoint while Alertmanager is away: the restored writer posts its state first
            List<AlertEvent> checkpoint = roundTrip(first.snapshotState(2));
            first.close();
            HeldSleeper waits = new HeldSleeper(Instant.now().toEpochMilli());
            AlertmanagerWriter restored = open(settings, waits, checkpoint);
            Await.until(WAIT, waits::waiting, n -> n == 1);
            assertThat(restored.snapshotState(3)).containsExactly(pricing, homeResolved, blog);
            assertThat(gauge("redflag_notifications_pending", receiver)).isEqualTo(3);
            assertThat(gauge("redflag_notification_consecutive_failures", receiver)).isEqualTo(1);

            // Alertmanager answers 500 now; /pricing resolves meanwhile and takes the place of its firing
            front.answer(500);
            restored.write(pricingResolved, null);
            assertThat(restored.snapshotState(4)).containsExactly(pricingResolved, homeResolved, blog);
            waits.letGo();
            Await.until(WAIT, () -> front.answered().size() == 3 && waits.waiting() == 1, done -> done);
            assertThat(front.answered()).extracting(r -> alerts(r, resolvedAt))
                    .containsOnly(List.of("RESOLVED /pricing", "RESOLVED /home", "FIRING /blog"));
            assertThat(restored.snapshotState(5)).containsExactly(pricingResolved, homeResolved, blog);
            assertThat(gauge("redflag_notification_consecutive_failures", receiver)).isEqualTo(2);

            // back
            front.passThrough();
            waits.letGo();
            restored.flush(true);

            List<AlertmanagerApi.Alert> shown = Await.until(WAIT, alertmanager::alerts,
                    a -> a.size() == 1 && a.get(0).labels().get("page").equals("/blog"));
            assertThat(shown).as(alertmanager::log).singleElement().satisfies(a -> {
                assertThat(a.active()).isTrue();
                assertThat(a.labels()).containsExactlyInAnyOrderEntriesOf(blog.labels());
                assertThat(a.startsAt()).isEqualTo(fired.plusSeconds(120));
            });
            // in order, each alert's resolution after its firing, /pricing's firing never replayed
            assertThat(front.passed()).extracting(r -> alerts(r, resolvedAt)).containsExactly(
                    List.of("FIRING /home"),
                    List.of("RESOLVED /pricing", "RESOLVED /home", "FIRING /blog"));
            assertThat(restored.snapshotState(6)).isEmpty();
            assertThat(notifications("sent", receiver)).isEqualTo(4);
            assertThat(notifications("failed", receiver)).isZero();
            assertThat(gauge("redflag_notifications_pending", receiver)).isZero();
            assertThat(gauge("redflag_notification_consecutive_failures", receiver)).isZero();
        }
    }

    private AlertmanagerWriter open(AlertmanagerSettings settings, HeldSleeper waits, List<AlertEvent> restored) {
        return fixture.open(settings, waits, restored, AlertmanagerWriter.MAX_BATCH, AlertmanagerWriter.MAX_WAITING,
                waits, new Random(17));
    }

    /** The state as a checkpoint holds it: serialized and read back. */
    private static List<AlertEvent> roundTrip(List<AlertEvent> state) throws IOException {
        AlertStateSerializer serializer = new AlertStateSerializer();
        List<AlertEvent> read = new ArrayList<>();
        for (AlertEvent alert : state) {
            read.add(serializer.deserialize(serializer.getVersion(), serializer.serialize(alert)));
        }
        return read;
    }

    /** The alerts of one post as "FIRING /page" or "RESOLVED /page": resolved when it ends when that page resolved. */
    private static List<String> alerts(Received post, Map<String, Instant> resolvedAt) {
        try {
            List<String> alerts = new ArrayList<>();
            for (JsonNode a : JSON.readTree(post.body())) {
                String page = a.path("labels").path("page").asText();
                boolean resolved = Instant.parse(a.path("endsAt").asText()).equals(resolvedAt.get(page));
                alerts.add((resolved ? "RESOLVED " : "FIRING ") + page);
            }
            return alerts;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + post.body(), e);
        }
    }

    private double notifications(String outcome, String receiver) {
        return fixture.notifications(outcome, receiver);
    }

    private double gauge(String name, String receiver) {
        return fixture.gauge(name, receiver);
    }
}
