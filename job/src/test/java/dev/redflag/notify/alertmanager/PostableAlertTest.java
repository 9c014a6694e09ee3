package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** From alert events to Alertmanager's postable alerts, and the exact API v2 body. */
class PostableAlertTest {

    private static final Instant FIRED = Instant.parse("2026-11-02T10:45:00Z");
    private static final Instant NOW = Instant.parse("2026-11-02T11:00:00.123456Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void firingIsValidForFourResendIntervalsFromNow() {
        PostableAlert alert = PostableAlert.of(TestAlerts.firing("/pricing", FIRED), NOW, MINUTE, null).orElseThrow();

        assertThat(alert.startsAt()).isEqualTo(FIRED);
        assertThat(alert.endsAt()).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
        assertThat(alert.generatorURL()).isNull();
        assertThat(alert.labels()).containsExactly(Map.entry("alertname", "BounceRateRising"),
                Map.entry("kpi", "bounce_rate"), Map.entry("page", "/pricing"), Map.entry("severity", "critical"),
                Map.entry("window", "1h"));
    }

    @Test
    void resolvedEndsWhenItResolvedWhateverNowIs() {
        Instant resolved = Instant.parse("2026-11-02T12:00:00Z");
        AlertEvent event = TestAlerts.resolved("/pricing", FIRED, resolved);

        PostableAlert alert = PostableAlert.of(event, NOW.plus(Duration.ofDays(3)), MINUTE, null).orElseThrow();

        assertThat(alert.startsAt()).isEqualTo(FIRED);
        assertThat(alert.endsAt()).isEqualTo(resolved);
    }

    @Test
    void aStartAheadOfTheWallClockStillEndsAfterItStarts() {
        Instant ahead = Instant.parse("2026-11-02T11:30:00Z");

        PostableAlert alert = PostableAlert.of(TestAlerts.firing("/pricing", ahead), NOW, MINUTE, null).orElseThrow();

        assertThat(alert.startsAt()).isEqualTo(ahead);
        assertThat(alert.endsAt()).isEqualTo(ahead.plus(Duration.ofMinutes(4)));
    }

    @Test
    void pendingAndShadowAlertsAreNeverSent() {
        AlertEvent pending = TestAlerts.event("/a", Transition.Phase.PENDING, FIRED, null, false);
        AlertEvent shadowFiring = TestAlerts.event("/a", Transition.Phase.FIRING, FIRED, null, true);
        AlertEvent shadowResolved = TestAlerts.event("/a", Transition.Phase.RESOLVED, FIRED, NOW, true);

        for (AlertEvent event : List.of(pending, shadowFiring, shadowResolved)) {
            assertThat(PostableAlert.sendable(event)).as(event.phase() + " shadow=" + event.shadow()).isFalse();
            assertThat(PostableAlert.of(event, NOW, MINUTE, null)).isEmpty();
        }
    }

    @Test
    void emptyLabelsAreLeftOutAsInPrometheus() {
        AlertEvent event = TestAlerts.firing("", FIRED);

        PostableAlert alert = PostableAlert.of(event, NOW, MINUTE, null).orElseThrow();

        assertThat(alert.labels()).doesNotContainKey("page").containsKey("alertname");
    }

    @Test
    void theNumbersAsPeopleReadThemJoinTheAnnotationsUnlessTheRuleNamesOneSoOrTheyAreUnknown() {
        AlertEvent firing = TestAlerts.firing("/pricing", FIRED);
        Map<String, String> own = new java.util.LinkedHashMap<>(firing.annotations());
        own.put("value", "two thirds");
        AlertEvent named = new AlertEvent(firing.ruleId(), firing.alertname(), firing.severity(), false,
                firing.fingerprint(), firing.kpi(), firing.window(), firing.labels(), own, firing.transition(),
                new dev.redflag.kpi.ValueText("66.7%", "", ""));

        assertThat(PostableAlert.of(named, NOW, MINUTE, null).orElseThrow().annotations())
                .containsOnlyKeys("summary", "runbook_url", "value")
                .containsEntry("value", "two thirds");
    }

    @Test
    void exactBodyOfAFiringAndAResolvedAlert() {
        AlertEvent firing = TestAlerts.firing("/pricing", FIRED);
        AlertEvent resolved = TestAlerts.resolved("/checkout \"new\"", FIRED, Instant.parse("2026-11-02T11:30:00Z"));
        List<PostableAlert> alerts = List.of(
                PostableAlert.of(firing, NOW, Duration.ofSeconds(90), "https://grafana.example").orElseThrow(),
                PostableAlert.of(resolved, NOW, Duration.ofSeconds(90), null).orElseThrow());

        assertThat(AlertmanagerJson.write(alerts)).isEqualTo("["
                + "{\"labels\":{\"alertname\":\"BounceRateRising\",\"kpi\":\"bounce_rate\",\"page\":\"/pricing\","
                + "\"severity\":\"critical\",\"window\":\"1h\"},"
                + "\"annotations\":{\"baseline\":\"31%\",\"change\":\"+12 points\","
                // a day before the firing to the firing, 2026-11-01T10:45Z to 2026-11-02T10:45Z
                + "\"chart_url\":\"https://grafana.example/render/d-solo/redflag-kpis/redflag-kpis?orgId=1&panelId=2"
                + "&from=1793529900000&to=1793616300000&width=1000&height=500&tz=UTC"
                + "&var-kpi=bounce_rate&var-page=%2Fpricing&var-window=1h\","
                + "\"dashboard_url\":\"https://grafana.example/d/redflag-kpis/redflag-kpis?orgId=1"
                + "&from=1793529900000&to=1793616300000&var-kpi=bounce_rate&var-page=%2Fpricing&var-window=1h\","
                + "\"runbook_url\":\"https://wiki.example/bounce-rate\","
                + "\"summary\":\"Bounce rate on /pricing is 0.43\",\"value\":\"43%\"},"
                + "\"startsAt\":\"2026-11-02T10:45:00.000Z\",\"endsAt\":\"2026-11-02T11:06:00.123Z\","
                + "\"generatorURL\":\"https://grafana.example/d/redflag-kpis?var-kpi=bounce_rate"
                + "&var-page=%2Fpricing&var-window=1h\"},"
                + "{\"labels\":{\"alertname\":\"BounceRateRising\",\"kpi\":\"bounce_rate\","
                + "\"page\":\"/checkout \\\"new\\\"\",\"severity\":\"critical\",\"window\":\"1h\"},"
                + "\"annotations\":{\"baseline\":\"31%\",\"change\":\"+12 points\","
                + "\"runbook_url\":\"https://wiki.example/bounce-rate\","
                + "\"summary\":\"Bounce rate on /checkout \\\"new\\\" is 0.43\",\"value\":\"43%\"},"
                + "\"startsAt\":\"2026-11-02T10:45:00.000Z\",\"endsAt\":\"2026-11-02T11:30:00.000Z\"}"
                + "]");
    }

    @Test
    void startsAtIsLeftOutWhenUnknownAndTimesHaveThreeDecimals() {
        PostableAlert alert = new PostableAlert(new TreeMap<>(Map.of("alertname", "X")), new TreeMap<>(), null,
                Instant.parse("2026-01-01T00:00:00Z"), null);

        assertThat(AlertmanagerJson.write(List.of(alert)))
                .isEqualTo("[{\"labels\":{\"alertname\":\"X\"},\"annotations\":{},"
                        + "\"endsAt\":\"2026-01-01T00:00:00.000Z\"}]");
        assertThat(AlertmanagerJson.write(List.of())).isEqualTo("[]");
    }
}
