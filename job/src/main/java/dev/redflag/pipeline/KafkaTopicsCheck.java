package dev.redflag.pipeline;

import dev.redflag.config.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks, before the job is submitted, that the broker answers and every configured topic exists:
 * a missing topic would otherwise fail the running job over and over with an error far from the
 * config key that caused it.
 */
public final class KafkaTopicsCheck {

    private KafkaTopicsCheck() {
    }

    /**
     * Creates the configured topics that do not exist yet: the rules topic compacted with one partition
     * (it ends on the latest rule set and silences), the others with {@code partitions} partitions; the
     * replication factor is the broker's default. Returns the names created.
     */
    public static List<String> createMissing(KafkaConfig kafka, int partitions, Duration timeout)
            throws InterruptedException, java.util.concurrent.ExecutionException, TimeoutException {
        try (Admin admin = admin(kafka, timeout)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Set<String> plain = new LinkedHashSet<>(kafka.eventTopics());
            plain.add(kafka.deadLetterTopic());
            plain.add(kafka.kpiTopic());
            plain.add(kafka.alertsTopic());
            plain.add(kafka.feedbackTopic());
            plain.remove(kafka.rulesTopic());
            for (String topic : plain) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
                }
            }
            if (!existing.contains(kafka.rulesTopic())) {
                missing.add(new NewTopic(kafka.rulesTopic(), Optional.of(1), Optional.empty())
                        .configs(Map.of("cleanup.policy", "compact")));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /** One line per problem, naming the config key and what to do; empty when all is well. */
    public static List<String> problems(KafkaConfig kafka, Duration timeout) throws InterruptedException {
        Map<String, String> topics = new LinkedHashMap<>();
        kafka.eventTopics().forEach(t -> topics.put(t, "kafka.topics.events"));
        topics.put(kafka.deadLetterTopic(), "kafka.topics.dead-letters");
        topics.put(kafka.kpiTopic(), "kafka.topics.kpis");
        topics.put(kafka.rulesTopic(), "kafka.topics.rules");
        topics.put(kafka.alertsTopic(), "kafka.topics.alerts");
        topics.put(kafka.feedbackTopic(), "kafka.topics.feedback");
        try (Admin admin = admin(kafka, timeout)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> problems = new ArrayList<>();
            topics.forEach((topic, key) -> {
                if (!existing.contains(topic)) {
                    problems.add(key + ": topic '" + topic + "' does not exist on " + kafka.bootstrapServers()
                            + "; create it" + (key.equals("kafka.topics.rules")
                            ? " with cleanup.policy=compact" : "") + " or fix the name");
                }
            });
            return problems;
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return List.of("kafka.bootstrap-servers: no answer from " + kafka.bootstrapServers() + " within "
                    + timeout.toSeconds() + " s; check the address and that the brokers are up");
        }
    }

    /** An admin client with the job's Kafka properties whose calls give up after {@code timeout}. */
    private static Admin admin(KafkaConfig kafka, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafka.properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(props);
    }
}
