package dev.redflag.cli;

import dev.redflag.notify.route.SilenceFile;
import dev.redflag.rules.RulesPublisher;
import dev.redflag.testing.Await;
import dev.redflag.testing.SharedKafka;
import dev.redflag.testing.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.redflag.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code silence add --publish}, {@code expire --publish} and {@code push} against a real broker:
 * each publishes the silences file's text, as it is after the change, to the rules topic under
 * the key {@code silences}; a broken file is never published.
 */
class SilenceCommandIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    Path dir;

    @Test
    void everyChangeIsPublishedAsTheWholeFileUnderTheSilencesKey() throws Exception {
        String topic = KAFKA.compactedTopic("rules");
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: %s
                  topics: {events: [e], rules: %s}
                """.formatted(KAFKA.bootstrapServers(), topic));
        Path file = dir.resolve("silences.yaml");
        String[] at = {"--file", file.toString(), "--now", "2026-11-26T12:00:00Z"};

        CliRun add = run(concat(new String[] {"silence", "add", "-m", "alertname=\"BounceRateRising\"",
            "--duration", "2h", "--author", "alice", "--comment", "newsletter resend", "--publish", "--config",
            config.toString()}, at));
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).endsWith("published " + file + " to " + topic + " at offset 0\n");
        String afterAdd = Files.readString(file);
        String id = SilenceFile.load(file).silences().get(0).id();

        // the config names a broker that is not there: --bootstrap-servers wins
        Path elsewhere = dir.resolve("elsewhere.yaml");
        Files.writeString(elsewhere, Files.readString(config).replace(KAFKA.bootstrapServers(), "localhost:1"));
        CliRun expire = run("silence", "expire", id, "--publish", "--config", elsewhere.toString(),
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--file", file.toString(), "--now",
                "2026-11-26T13:00:00Z");
        assertThat(expire.exit()).as(expire.err()).isZero();
        assertThat(expire.out()).endsWith("published " + file + " to " + topic + " at offset 1\n");
        String afterExpire = Files.readString(file);

        CliRun push = run("silence", "push", "--config", config.toString(), "--file", file.toString(), "--now",
                "2026-11-26T13:30:00Z");
        assertThat(push).isEqualTo(new CliRun(0, "published " + file + " (1 silence, 0 active) to " + topic
                + " at offset 2\n", ""));

        Files.writeString(file, afterExpire.replace("created_by", "author"));
        CliRun broken = run(concat(new String[] {"silence", "push", "--config", config.toString()}, at));
        assertThat(broken).isEqualTo(new CliRun(2, "", file + ":2:5: silences[0].created_by: required key "
                + "'created_by' is missing\n" + file + ":6:5: silences[0].author: unknown key 'author'; use one of id, "
                + "matchers, starts_at, ends_at, created_by, comment\n"));

        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 3);
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsOnly(new String(RulesPublisher.SILENCES_KEY, StandardCharsets.UTF_8)).hasSize(3);
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(afterAdd, afterExpire, afterExpire);
        assertThat(afterAdd).contains("ends_at: '2026-11-26T14:00:00Z'");
        assertThat(afterExpire).contains("ends_at: '2026-11-26T13:00:00Z'");
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) throws Exception {
        try (KafkaConsumer<byte[], byte[]> reader = Topics.reader(KAFKA.bootstrapServers(), topic)) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Await.until(Duration.ofSeconds(30), () -> {
                records.addAll(Topics.poll(reader));
                return records.size();
            }, n -> n >= expected);
            records.addAll(Topics.poll(reader));
            return records;
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
