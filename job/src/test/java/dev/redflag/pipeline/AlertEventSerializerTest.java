package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.alertmanager.TestAlerts;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts topic's records: keyed by fingerprint, with the Grafana links when a Grafana is configured. */
class AlertEventSerializerTest {

    private static final AlertEvent FIRING = TestAlerts.firing("/pricing", Instant.parse("2026-11-02T10:45:00Z"));

    private static String value(AlertEventSerializer serializer) {
        ProducerRecord<byte[], byte[]> record = serializer.serialize(FIRING, null, null);
        assertThat(record.topic()).isEqualTo("redflag.alerts");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(FIRING.fingerprint());
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void withAGrafanaEachFiringLinksItsChartAndDashboardOverTheFiringPeriod() {
        assertThat(value(new AlertEventSerializer("redflag.alerts", "https://grafana.example/"))).endsWith(
                ",\"chart_url\":\"https://grafana.example/render/d-solo/redflag-kpis/redflag-kpis?orgId=1&panelId=2"
                        + "&from=1793529900000&to=1793616300000&width=1000&height=500&tz=UTC"
                        + "&var-kpi=bounce_rate&var-page=%2Fpricing&var-window=1h\","
                        + "\"dashboard_url\":\"https://grafana.example/d/redflag-kpis/redflag-kpis?orgId=1"
                        + "&from=1793529900000&to=1793616300000&var-kpi=bounce_rate&var-page=%2Fpricing"
                        + "&var-window=1h\"}");
    }

    @Test
    void withoutAGrafanaNoLinks() {
        assertThat(value(new AlertEventSerializer("redflag.alerts", ""))).doesNotContain("chart_url", "dashboard_url")
                .endsWith("\"flapping\":false}");
    }
}
