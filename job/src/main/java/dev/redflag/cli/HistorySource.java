package dev.redflag.cli;

import dev.redflag.backtest.History;
import dev.redflag.backtest.KafkaHistory;
import dev.redflag.config.JobConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a command reads records from, as its options say it: {@code kafka:TOPIC} (the topic from
 * its beginning to its end at start, on the given brokers or the config's) or a JSON-lines file.
 */
final class HistorySource {

    static final String KAFKA_PREFIX = "kafka:";
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private HistorySource() {
    }

    static boolean isKafka(String source) {
        return source.startsWith(KAFKA_PREFIX);
    }

    /**
     * @param option           the option that named the source, for messages
     * @param bootstrapServers the brokers, or null for the config's
     */
    static History read(String option, String source, String bootstrapServers, JobConfig config) throws IOException {
        if (isKafka(source)) {
            String topic = source.substring(KAFKA_PREFIX.length());
            if (topic.isBlank()) {
                throw new UserError(option + " kafka:TOPIC needs a topic name");
            }
            String servers = bootstrapServers != null ? bootstrapServers : config.kafka().bootstrapServers();
            return KafkaHistory.read(servers, topic, config.kafka().clientProperties(), KAFKA_TIMEOUT);
        }
        Path file = Path.of(source);
        return History.ofLines(file.getFileName().toString(), KpisCommand.readLines(file));
    }
}
