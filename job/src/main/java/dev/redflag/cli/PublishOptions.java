package dev.redflag.cli;

import dev.redflag.config.JobConfig;
import dev.redflag.pipeline.KafkaTopicsCheck;
import dev.redflag.rules.RulesPublisher;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Where the silences file is published: the job's rules topic ({@code kafka.topics.rules}) on the
 * brokers of the job config, as {@code rules push} finds them, or on the brokers given.
 */
final class PublishOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "job config: Kafka servers, client properties and the rules topic")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: the config's kafka.bootstrap-servers)")
    String bootstrapServers;

    /** Whether any broker option was given. */
    boolean given() {
        return config != null || bootstrapServers != null;
    }

    /** The silences file's bytes under {@link RulesPublisher#SILENCES_KEY}; returns where they went. */
    Published publish(byte[] silencesFile, Path file, Map<String, String> env) {
        if (!given()) {
            throw new UserError("give --config FILE or --bootstrap-servers HOST:PORT to publish");
        }
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config, env);
        if (bootstrapServers != null) {
            jobConfig = jobConfig.withKafkaBootstrap(bootstrapServers);
        }
        JobConfigs.requireTopics(jobConfig.kafka(), KafkaTopicsCheck.publishUses(jobConfig.kafka()));
        try (RulesPublisher publisher = RulesCommand.publisher(jobConfig)) {
            long offset = publisher.publish(RulesPublisher.SILENCES_KEY, silencesFile);
            return new Published(publisher.topic(), offset);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new UserError("could not publish " + file + " to " + jobConfig.kafka().rulesTopic() + ": "
                    + jobConfig.kafka().security().redact(cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while publishing " + file);
        }
    }

    record Published(String topic, long offset) {
        @Override
        public String toString() {
            return topic + " at offset " + offset;
        }
    }
}
