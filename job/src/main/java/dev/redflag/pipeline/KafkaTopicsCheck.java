package dev.redflag.pipeline;

import dev.redflag.config.KafkaConfig;
import dev.redflag.config.KafkaSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

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
import java.util.stream.Collectors;

/**
 * Checks, before the job is submitted or a command writes, that the brokers answer and accept the
 * configured login, and that every topic it uses exists and may be read or written by that user:
 * a missing topic or ACL would otherwise fail the running job over and over with an error far from
 * the config key that caused it.
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

    /**
     * What a client does with a topic, and the config key that names it.
     *
     * @param operation {@link AclOperation#READ} or {@link AclOperation#WRITE}
     */
    public record TopicUse(String topic, String key, AclOperation operation) {
    }

    /** The job's topics: it reads the events and the rules topic and writes the other three. */
    public static List<TopicUse> jobUses(KafkaConfig kafka) {
        List<TopicUse> uses = new ArrayList<>();
        kafka.eventTopics().forEach(t -> uses.add(new TopicUse(t, "kafka.topics.events", AclOperation.READ)));
        uses.add(new TopicUse(kafka.deadLetterTopic(), "kafka.topics.dead-letters", AclOperation.WRITE));
        uses.add(new TopicUse(kafka.kpiTopic(), "kafka.topics.kpis", AclOperation.WRITE));
        uses.add(new TopicUse(kafka.rulesTopic(), "kafka.topics.rules", AclOperation.READ));
        uses.add(new TopicUse(kafka.alertsTopic(), "kafka.topics.alerts", AclOperation.WRITE));
        uses.add(new TopicUse(kafka.feedbackTopic(), "kafka.topics.feedback", AclOperation.READ));
        return uses;
    }

    /** {@code rules push} and {@code silence push}: they write the rules topic. */
    public static List<TopicUse> publishUses(KafkaConfig kafka) {
        return List.of(new TopicUse(kafka.rulesTopic(), "kafka.topics.rules", AclOperation.WRITE));
    }

    /** The demo feed: it writes the first events topic. */
    public static List<TopicUse> feedUses(KafkaConfig kafka) {
        return List.of(new TopicUse(kafka.eventTopics().get(0), "kafka.topics.events", AclOperation.WRITE));
    }

    /** The job's check: {@link #problems(KafkaConfig, List, Duration)} with {@link #jobUses}. */
    public static List<String> problems(KafkaConfig kafka, Duration timeout) throws InterruptedException {
        return problems(kafka, jobUses(kafka), timeout);
    }

    /**
     * One line per problem, naming the config key and what to do; empty when all is well. It asks the
     * brokers, as the configured user, to describe each topic with the operations that user may
     * perform on it, so a login the brokers refuse, a topic that does not exist and an ACL that is
     * missing each fail here, at start, rather than as a client that retries for ever. No line
     * holds a password.
     */
    public static List<String> problems(KafkaConfig kafka, List<TopicUse> uses, Duration timeout)
            throws InterruptedException {
        Map<String, List<TopicUse>> byTopic = new LinkedHashMap<>();
        uses.forEach(u -> byTopic.computeIfAbsent(u.topic(), t -> new ArrayList<>()).add(u));
        KafkaSecurity security = kafka.security();
        try (Admin admin = admin(kafka, timeout)) {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(byTopic.keySet(),
                    new DescribeTopicsOptions().includeAuthorizedOperations(true)).topicNameValues();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, List<TopicUse>> e : byTopic.entrySet()) {
                String topic = e.getKey();
                TopicUse first = e.getValue().get(0);
                try {
                    TopicDescription description = described.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    Set<AclOperation> allowed = description.authorizedOperations();
                    for (TopicUse use : e.getValue()) {
                        if (allowed != null && !allowed.contains(use.operation()) && !allowed.contains(AclOperation.ALL)) {
                            problems.add(use.key() + ": " + security.describe() + " may not " + verb(use.operation())
                                    + " topic '" + topic + "'; allow " + name(use.operation()) + " on it for "
                                    + principal(security) + " with an ACL, or use another user");
                        }
                    }
                } catch (java.util.concurrent.ExecutionException failed) {
                    Throwable cause = failed.getCause();
                    if (cause instanceof UnknownTopicOrPartitionException) {
                        problems.add(first.key() + ": topic '" + topic + "' does not exist on " + kafka.bootstrapServers()
                                + "; create it" + (first.key().equals("kafka.topics.rules")
                                ? " with cleanup.policy=compact" : "") + " or fix the name");
                    } else if (cause instanceof TopicAuthorizationException) {
                        problems.add(first.key() + ": " + security.describe() + " may not describe topic '" + topic
                                + "'; allow Describe and " + e.getValue().stream().map(u -> name(u.operation()))
                                .distinct().collect(Collectors.joining(" and ")) + " on it for " + principal(security)
                                + " with an ACL, or use another user");
                    } else {
                        return List.of(unusable(kafka, cause, timeout));
                    }
                } catch (TimeoutException noAnswer) {
                    return List.of(unusable(kafka, noAnswer, timeout));
                }
            }
            return problems;
        }
    }

    /** Why no topic could be described at all: the login, the TLS handshake or no answer. */
    private static String unusable(KafkaConfig kafka, Throwable cause, Duration timeout) {
        KafkaSecurity security = kafka.security();
        String servers = kafka.bootstrapServers();
        if (cause instanceof SaslAuthenticationException) {
            return "kafka.security.username: the brokers at " + servers + " refused " + security.describe() + " ("
                    + security.redact(cause.getMessage()) + "); check the user and "
                    + KafkaSecurity.PASSWORD_VARIABLE + " (or its _FILE)";
        }
        if (cause instanceof SslAuthenticationException) {
            return "kafka.security.truststore: the TLS handshake with " + servers + " failed ("
                    + security.redact(rootMessage(cause)) + "); set kafka.security.truststore to a truststore "
                    + "holding the brokers' CA";
        }
        if (cause instanceof AuthenticationException) {
            return "kafka.security: the brokers at " + servers + " refused " + security.describe() + " ("
                    + security.redact(cause.getMessage()) + ")";
        }
        return "kafka.bootstrap-servers: no answer from " + servers + " within " + timeout.toSeconds()
                + " s; check the address and that the brokers are up"
                + (security.protocol() == KafkaSecurity.Protocol.PLAINTEXT
                ? ", and set kafka.security.protocol if they want TLS or SASL (it is PLAINTEXT)" : "");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String verb(AclOperation operation) {
        return operation == AclOperation.READ ? "read" : "write to";
    }

    private static String name(AclOperation operation) {
        return operation == AclOperation.READ ? "Read" : "Write";
    }

    private static String principal(KafkaSecurity security) {
        return security.protocol().sasl() ? "User:" + security.username() : "its principal";
    }

    /** An admin client with the job's Kafka properties whose calls give up after {@code timeout}. */
    private static Admin admin(KafkaConfig kafka, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(props);
    }
}
