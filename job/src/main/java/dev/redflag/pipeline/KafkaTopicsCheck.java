package dev.redflag.pipeline;

import dev.redflag.config.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** One line per problem, naming the config key and what to do; empty when all is well. */
    public static List<String> problems(KafkaConfig kafka, Duration timeout) throws InterruptedException {
        Map<String, String> topics = new LinkedHashMap<>();
        kafka.eventTopics().forEach(t -> topics.put(t, "kafka.topics.events"));
        topics.put(kafka.deadLetterTopic(), "kafka.topics.dead-letters");
        topics.put(kafka.kpiTopic(), "kafka.topics.kpis");
        topics.put(kafka.rulesTopic(), "kafka.topics.rules");
        topics.put(kafka.alertsTopic(), "kafka.topics.alerts");
        Map<String, Object> props = new HashMap<>(kafka.properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(props)) {
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
}
