package dev.redflag.pipeline;

import dev.redflag.config.KafkaConfig;
import dev.redflag.config.KafkaConfig.StartFrom;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The KPI topic's producer batches more than Kafka's defaults unless the configuration says otherwise. */
class KpiTopicProducerTest {

    private static KafkaConfig kafka(Map<String, String> properties) {
        return new KafkaConfig("kafka-1:9092", "redflag", StartFrom.COMMITTED, List.of("events"), "dlq", "kpis",
                "rules", "alerts", "feedback", properties);
    }

    @Test
    void batchesUpTo128KibOr20Ms() {
        Properties p = RedflagJob.kpiTopicProperties(kafka(Map.of("acks", "all")));

        assertThat(p).containsEntry("batch.size", "131072").containsEntry("linger.ms", "20")
                .containsEntry("acks", "all").containsEntry("bootstrap.servers", "kafka-1:9092");
    }

    @Test
    void theConfiguredClientPropertiesWin() {
        Properties p = RedflagJob.kpiTopicProperties(kafka(Map.of("linger.ms", "0", "batch.size", "16384")));

        assertThat(p).containsEntry("batch.size", "16384").containsEntry("linger.ms", "0");
    }
}
