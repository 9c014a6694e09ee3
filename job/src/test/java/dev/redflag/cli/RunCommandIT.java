package dev.redflag.cli;

import dev.redflag.testing.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag run} refuses to start against a broker that lacks the configured topics. */
class RunCommandIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    Path dir;

    @Test
    void missingTopicsAreNamedWithTheirConfigKeysBeforeAnythingStarts() throws Exception {
        String events = KAFKA.topic("events", 1);
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: %s
                  topics: {events: [%s], dead-letters: dlq-missing, rules: rules-missing}
                """.formatted(KAFKA.bootstrapServers(), events));
        StringWriter err = new StringWriter();
        CommandLine cli = Redflag.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("run", "--config", config.toString())).isEqualTo(2);
        String at = " does not exist on " + KAFKA.bootstrapServers();
        assertThat(err.toString().lines()).containsExactly(
                "kafka.topics.dead-letters: topic 'dlq-missing'" + at + "; create it or fix the name",
                "kafka.topics.kpis: topic 'redflag.kpis'" + at + "; create it or fix the name",
                "kafka.topics.rules: topic 'rules-missing'" + at + "; create it with cleanup.policy=compact or fix the name",
                "kafka.topics.alerts: topic 'redflag.alerts'" + at + "; create it or fix the name",
                "kafka.topics.feedback: topic 'redflag-feedback'" + at + "; create it or fix the name");
    }
}
