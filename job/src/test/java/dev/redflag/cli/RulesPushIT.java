package dev.redflag.cli;

import dev.redflag.rules.RuleBundle;
import dev.redflag.testing.Await;
import dev.redflag.testing.SharedKafka;
import dev.redflag.testing.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag rules push} against a real broker: valid sets are published, broken ones never. */
class RulesPushIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    Path dir;

    private static final String GOOD = """
            groups:
              - name: web
                rules:
                  - {alert: BounceHigh, kpi: bounce_rate, when: {above: 0.5}, severity: warning}
            """;

    @Test
    void publishesAValidDirectoryAsOneBundleAndNothingWhenAFileIsBroken() throws Exception {
        String topic = KAFKA.compactedTopic("rules");
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: %s
                  topics: {events: [e], rules: %s}
                """.formatted(KAFKA.bootstrapServers(), topic));
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(rules.resolve("web.yaml"), GOOD);

        StringWriter out = new StringWriter();
        CommandLine cli = Redflag.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("rules", "push", rules.toString(), "--config", config.toString())).isZero();
        assertThat(out.toString()).matches("published rule set [0-9a-f]{12} \\(1 rules in 1 groups\\) to "
                + topic + " at offset 0\\n");

        Files.writeString(rules.resolve("broken.yaml"), "groups:\n  - name: x\n    rules:\n      - {alert: A, kpi: nope, when: {above: 1}, severity: warning}\n");
        StringWriter err = new StringWriter();
        CommandLine again = Redflag.commandLine();
        again.setErr(new PrintWriter(err));
        again.setOut(new PrintWriter(new StringWriter()));
        assertThat(again.execute("rules", "push", rules.toString(), "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("broken.yaml:4:25: groups[0].rules[0].kpi: unknown KPI 'nope'; KPIs are bounce_rate, ");

        try (KafkaConsumer<byte[], byte[]> reader = Topics.reader(KAFKA.bootstrapServers(), topic)) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Await.until(Duration.ofSeconds(30), () -> {
                records.addAll(Topics.poll(reader));
                return records.size();
            }, n -> n >= 1);
            records.addAll(Topics.poll(reader));
            assertThat(records).hasSize(1);
            assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("rules");
            assertThat(RuleBundle.fromJson(records.get(0).value()).files()).containsOnlyKeys("web.yaml")
                    .containsEntry("web.yaml", GOOD);
        }
    }
}
