package dev.redflag.notify;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.notify.alertmanager.TestAlerts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Links from an alert to its KPI's panel and dashboard over the firing period, where a PNG cannot go. */
class GrafanaLinkTest {

    private static final Instant FIRED = Instant.parse("2026-11-02T10:45:00Z");    // 1793616300000
    private static final Instant RESOLVED = Instant.parse("2026-11-02T11:30:00Z"); // 1793619000000

    @Test
    void aFiringLinksThePanelRenderedFromADayBeforeItToTheFiring() {
        AlertEvent firing = TestAlerts.firing("/prix été?a=1&b", FIRED);

        assertThat(GrafanaLink.chart("https://g.example/grafana", firing)).isEqualTo(
                "https://g.example/grafana/render/d-solo/redflag-kpis/redflag-kpis?orgId=1&panelId=2"
                        + "&from=1793529900000&to=1793616300000&width=1000&height=500&tz=UTC"
                        + "&var-kpi=bounce_rate&var-page=%2Fprix+%C3%A9t%C3%A9%3Fa%3D1%26b&var-window=1h");
        assertThat(GrafanaLink.dashboard("https://g.example/grafana", firing)).isEqualTo(
                "https://g.example/grafana/d/redflag-kpis/redflag-kpis?orgId=1"
                        + "&from=1793529900000&to=1793616300000"
                        + "&var-kpi=bounce_rate&var-page=%2Fprix+%C3%A9t%C3%A9%3Fa%3D1%26b&var-window=1h");
    }

    @Test
    void aResolutionLinksTheWholeFiringPeriod() {
        AlertEvent resolved = TestAlerts.resolved("/pricing", FIRED, RESOLVED);

        assertThat(GrafanaLink.links("https://g.example", resolved)).containsExactly(
                Map.entry("chart_url", "https://g.example/render/d-solo/redflag-kpis/redflag-kpis?orgId=1&panelId=2"
                        + "&from=1793529900000&to=1793619000000&width=1000&height=500&tz=UTC"
                        + "&var-kpi=bounce_rate&var-page=%2Fpricing&var-window=1h"),
                Map.entry("dashboard_url", "https://g.example/d/redflag-kpis/redflag-kpis?orgId=1"
                        + "&from=1793529900000&to=1793619000000&var-kpi=bounce_rate&var-page=%2Fpricing&var-window=1h"));
    }

    @Test
    void noLinksWithoutAGrafanaOrForAPendingAlert() {
        AlertEvent pending = TestAlerts.event("/pricing", Transition.Phase.PENDING, FIRED, null, false);

        assertThat(GrafanaLink.links(null, TestAlerts.firing("/pricing", FIRED))).isEmpty();
        assertThat(GrafanaLink.links("https://g.example", pending)).isEmpty();
        assertThat(GrafanaLink.base(" https://g.example/grafana// ")).isEqualTo("https://g.example/grafana");
        assertThat(GrafanaLink.base(" ")).isNull();
        assertThat(GrafanaLink.base(null)).isNull();
    }
}
