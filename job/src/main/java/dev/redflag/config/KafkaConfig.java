package dev.redflag.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where events come from and where dead letters and KPI values go.
 *
 * <p>{@link #toString()} masks secret client properties (passwords, tokens, JAAS config) so
 * the config can be logged at start-up without leaking credentials.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param eventTopics      topics the job reads events from, never empty
 * @param rulesTopic       compacted topic the rule sets arrive on
 * @param alertsTopic      topic every alert transition is written to
 * @param feedbackTopic    topic people's actions on alerts arrive on (redflag slack-actions)
 * @param properties       extra Kafka client properties, sorted by name
 * @param security         TLS and SASL settings of every client
 */
public record KafkaConfig(String bootstrapServers, String groupId, StartFrom startFrom, List<String> eventTopics,
                          String deadLetterTopic, String kpiTopic, String rulesTopic, String alertsTopic,
                          String feedbackTopic, Map<String, String> properties, KafkaSecurity security)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where a consumer group without committed offsets starts. */
    public enum StartFrom {
        /** The group's committed offsets; the earliest offset where there are none. */
        COMMITTED,
        EARLIEST,
        LATEST;

        /** The spelling used in the config file. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public KafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(startFrom, "startFrom");
        eventTopics = List.copyOf(eventTopics);
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(kpiTopic, "kpiTopic");
        Objects.requireNonNull(rulesTopic, "rulesTopic");
        Objects.requireNonNull(alertsTopic, "alertsTopic");
        Objects.requireNonNull(feedbackTopic, "feedbackTopic");
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        Objects.requireNonNull(security, "security");
    }

    /** Without TLS or SASL beyond what {@code properties} sets. */
    public KafkaConfig(String bootstrapServers, String groupId, StartFrom startFrom, List<String> eventTopics,
                       String deadLetterTopic, String kpiTopic, String rulesTopic, String alertsTopic,
                       String feedbackTopic, Map<String, String> properties) {
        this(bootstrapServers, groupId, startFrom, eventTopics, deadLetterTopic, kpiTopic, rulesTopic, alertsTopic,
                feedbackTopic, properties, KafkaSecurity.NONE);
    }

    public KafkaConfig withBootstrapServers(String servers) {
        return new KafkaConfig(servers, groupId, startFrom, eventTopics, deadLetterTopic, kpiTopic, rulesTopic,
                alertsTopic, feedbackTopic, properties, security);
    }

    public KafkaConfig withSecurity(KafkaSecurity newSecurity) {
        return new KafkaConfig(bootstrapServers, groupId, startFrom, eventTopics, deadLetterTopic, kpiTopic, rulesTopic,
                alertsTopic, feedbackTopic, properties, newSecurity);
    }

    /**
     * What a Kafka client is created with: the brokers, the extra properties and the security
     * settings, passwords included. Call it where the client is made and hand the map to nothing else.
     */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new TreeMap<>(properties);
        p.putAll(security.clientProperties());
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** The extra client properties with secret values replaced by {@code ***}, for logs. */
    public Map<String, String> maskedProperties() {
        Map<String, String> masked = new TreeMap<>();
        properties.forEach((k, v) -> masked.put(k, Secrets.isSecretKey(k) ? Secrets.MASK : v));
        return Collections.unmodifiableMap(masked);
    }

    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId
                + ", startFrom=" + startFrom.configName() + ", eventTopics=" + eventTopics
                + ", deadLetterTopic=" + deadLetterTopic + ", kpiTopic=" + kpiTopic
                + ", rulesTopic=" + rulesTopic + ", alertsTopic=" + alertsTopic + ", feedbackTopic=" + feedbackTopic
                + ", properties=" + maskedProperties() + ", security=" + security.describe() + "]";
    }
}
