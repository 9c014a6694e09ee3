package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import dev.redflag.notify.GrafanaLink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Alert transitions to the alerts topic as JSON, keyed by fingerprint so each alert stays in order;
 * with a Grafana URL each firing and resolution carries {@code chart_url} and {@code dashboard_url}
 * ({@link GrafanaLink#links}), for readers of the topic that cannot take the PNG.
 */
public class AlertEventSerializer implements KafkaRecordSerializationSchema<AlertEvent> {

    private final String topic;
    /** Base of the Grafana links, null for none. */
    private final String grafanaBaseUrl;
    private transient AlertEventJson json;

    public AlertEventSerializer(String topic) {
        this(topic, null);
    }

    /** @param grafanaUrl the Grafana with the KPI dashboard ({@code notify.grafana-url}); null or blank for none */
    public AlertEventSerializer(String topic, String grafanaUrl) {
        this.topic = topic;
        this.grafanaBaseUrl = GrafanaLink.base(grafanaUrl);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(AlertEvent event, KafkaSinkContext context, Long timestamp) {
        if (json == null) {
            String base = grafanaBaseUrl;
            json = new AlertEventJson(e -> GrafanaLink.links(base, e));
        }
        return new ProducerRecord<>(topic, null, null, event.fingerprint().getBytes(StandardCharsets.UTF_8),
                json.write(event).getBytes(StandardCharsets.UTF_8));
    }
}
