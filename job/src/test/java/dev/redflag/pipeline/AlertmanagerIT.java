package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.config.MetricsConfig;
import dev.redflag.notify.GrafanaLink;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.alertmanager.AlertmanagerSettings;
import dev.redflag.notify.alertmanager.TestAlerts;
import dev.redflag.testing.AlertmanagerApi;
import dev.redflag.testing.AlertmanagerProcess;
import dev.redflag.testing.Await;
import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Alertmanager stage on a Flink mini cluster against a real Alertmanager (Debian's
 * {@code prometheus-alertmanager}, 0.25): a firing alert shows up active with its labels,
 * annotations, startsAt, generatorURL and an endsAt four resend intervals ahead; pending and
 * shadow alerts never arrive; the resolve ends it. Two bounded jobs, because within one the
 * resolve would follow the firing before anyone could look.
 */
@RequiresProgram(Program.ALERTMANAGER)
class AlertmanagerIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GRAFANA = "https://grafana.example";

    private static AlertmanagerProcess alertmanager;

    @BeforeAll
    static void startAlertmanager() throws Exception {
        alertmanager = AlertmanagerProcess.start();
    }

    @AfterAll
    static void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void aFiringAlertAppearsActiveAndItsResolveEndsIt() throws Exception {
        AlertmanagerSettings settings = new AlertmanagerSettings(List.of(alertmanager.baseUri()),
                Duration.ofMinutes(1), GRAFANA, RetryPolicy.defaults());
        Instant fired = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));
        AlertEvent firing = TestAlerts.firing("/pricing", fired);
        AlertEvent pending = TestAlerts.event("/home", Transition.Phase.PENDING, fired, null, false);
        AlertEvent shadow = TestAlerts.event("/signup", Transition.Phase.FIRING, fired, null, true);

        Instant before = Instant.now();
        run(settings, pending, firing, shadow);
        Instant after = Instant.now();

        List<AlertmanagerApi.Alert> alerts = Await.until(WAIT, alertmanager::alerts, a -> !a.isEmpty());
        assertThat(alerts).as(alertmanager::log).singleElement().satisfies(alert -> {
            assertThat(alert.active()).isTrue();
            assertThat(alert.labels()).containsExactlyInAnyOrderEntriesOf(firing.labels());
            Map<String, String> annotations = new TreeMap<>(firing.annotations());
            annotations.putAll(Map.of("value", "43%", "baseline", "31%", "change", "+12 points"));
            annotations.putAll(GrafanaLink.links(GRAFANA, firing));
            assertThat(alert.annotations()).containsExactlyInAnyOrderEntriesOf(annotations);
            assertThat(alert.startsAt()).isEqualTo(fired);
            assertThat(alert.endsAt()).isBetween(before.plus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.MILLIS),
                    after.plus(Duration.ofMinutes(4)));
            assertThat(alert.generatorURL()).isEqualTo(GrafanaLink.of(GRAFANA, firing));
        });

        Instant resolvedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        run(settings, TestAlerts.resolved("/pricing", fired, resolvedAt));

        // 0.25 lists only alerts that have not ended: a resolved one drops out of the list
        assertThat(Await.until(WAIT, alertmanager::alerts, List::isEmpty)).as(alertmanager::log).isEmpty();
    }

    private static void run(AlertmanagerSettings settings, AlertEvent... events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        NotificationPipeline.alertmanager(env.fromData(List.of(events), TypeInformation.of(AlertEvent.class)), settings,
                new MetricsConfig(0, 1000));
        // the sink's flush at the end of input waits for Alertmanager's answer
        env.execute("alertmanager-it");
    }
}
