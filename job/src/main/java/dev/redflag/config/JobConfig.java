package dev.redflag.config;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the job needs to know at start, read once from one YAML file plus
 * {@code REDFLAG_*} environment overrides by {@link JobConfigLoader} and then passed around
 * (also inside Flink functions, hence serializable) instead of re-reading the environment.
 */
public record JobConfig(KafkaConfig kafka, EventTimeConfig eventTime, KpiSettings kpis, StateConfig state,
                        MetricsConfig metrics, NotifyConfig notifications, int parallelism) implements Serializable {

    private static final long serialVersionUID = 1L;

    public JobConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(kpis, "kpis");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(notifications, "notifications");
    }

    /**
     * The documented defaults with the given brokers and the events topic
     * {@code redflag.events}; the same as loading {@code deploy/job.yaml}.
     *
     * @throws ConfigException when {@code bootstrapServers} is not a host:port list
     */
    public static JobConfig defaults(String bootstrapServers) {
        return JobConfigLoader.parse("", "defaults", Map.of(
                "REDFLAG_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "REDFLAG_KAFKA_TOPICS_EVENTS", "redflag.events"));
    }

    public JobConfig withKafkaBootstrap(String bootstrapServers) {
        return withKafka(kafka.withBootstrapServers(bootstrapServers));
    }

    public JobConfig withKafka(KafkaConfig newKafka) {
        return new JobConfig(newKafka, eventTime, kpis, state, metrics, notifications, parallelism);
    }

    public JobConfig withEventTime(EventTimeConfig newEventTime) {
        return new JobConfig(kafka, newEventTime, kpis, state, metrics, notifications, parallelism);
    }

    public JobConfig withKpis(KpiSettings newKpis) {
        return new JobConfig(kafka, eventTime, newKpis, state, metrics, notifications, parallelism);
    }

    public JobConfig withState(StateConfig newState) {
        return new JobConfig(kafka, eventTime, kpis, newState, metrics, notifications, parallelism);
    }

    public JobConfig withMetrics(MetricsConfig newMetrics) {
        return new JobConfig(kafka, eventTime, kpis, state, newMetrics, notifications, parallelism);
    }

    public JobConfig withNotifications(NotifyConfig newNotify) {
        return new JobConfig(kafka, eventTime, kpis, state, metrics, newNotify, parallelism);
    }

    public JobConfig withParallelism(int newParallelism) {
        return new JobConfig(kafka, eventTime, kpis, state, metrics, notifications, newParallelism);
    }
}
