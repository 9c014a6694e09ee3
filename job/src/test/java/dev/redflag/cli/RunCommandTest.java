package dev.redflag.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag run} fails fast, before touching Kafka or Flink, on anything it cannot use. */
class RunCommandTest {

    @TempDir
    Path dir;

    private String errorsOf(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Redflag.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString();
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThat(errorsOf("run", "--config", dir.resolve("job.yaml").toString()))
                .isEqualTo("config file not found: " + dir.resolve("job.yaml") + "\n");
    }

    @Test
    void everyConfigProblemIsListedWithItsPosition() throws Exception {
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-server: localhost:9092
                  topics: {events: [e]}
                state:
                  backend: leveldb
                """);
        String err = errorsOf("run", "--config", config.toString());
        assertThat(err.lines()).containsExactly(
                config + ":1:1: kafka.bootstrap-servers: required key is missing; add 'bootstrap-servers: localhost:9092' under 'kafka' or set REDFLAG_KAFKA_BOOTSTRAP_SERVERS",
                config + ":2:3: kafka.bootstrap-server: unknown key 'kafka.bootstrap-server'; did you mean 'kafka.bootstrap-servers'?",
                config + ":5:12: state.backend: 'leveldb' is not one of rocksdb, hashmap");
    }

    @Test
    void aKpiDefinitionsFileNamedButMissingIsAnError() throws Exception {
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: localhost:9092
                  topics: {events: [e]}
                kpis:
                  definitions: %s
                """.formatted(dir.resolve("missing.yaml")));
        assertThat(errorsOf("run", "--config", config.toString()))
                .isEqualTo("kpis.definitions: file not found: " + dir.resolve("missing.yaml") + "\n");
    }
}
