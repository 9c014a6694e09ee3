package dev.redflag.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Where library logs and stray standard-stream output go while a command runs a job in this JVM. */
class LibraryLogsTest {

    @TempDir
    Path tmp;

    @Test
    void logsAndStrayOutputGoToTheFileAndTheStreamsComeBackOnClose() throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Path file = tmp.resolve("nested/demo.log");

        try (LibraryLogs logs = LibraryLogs.open(file)) {
            assertThat(logs.file()).isEqualTo(file.toAbsolutePath());
            assertThat(logs.console()).isSameAs(out);
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").info("a Kafka line");
            LoggerFactory.getLogger("org.apache.flink.runtime.Dispatcher").warn("a Flink warning");
            LoggerFactory.getLogger("org.apache.flink.metrics.MetricGroup").warn("a duplicate metric name");
            System.out.println("printed by a library");
            System.err.println("an error printed by a library");
        }

        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
        String written = Files.readString(file);
        assertThat(written.lines().toList()).hasSize(4);
        assertThat(written).containsPattern("INFO  \\[[^]]+] org\\.apache\\.kafka\\.clients\\.NetworkClient - a Kafka line")
                .containsPattern("WARN  \\[[^]]+] org\\.apache\\.flink\\.runtime\\.Dispatcher - a Flink warning")
                .contains("printed by a library\n", "an error printed by a library\n")
                .doesNotContain("a duplicate metric name");
    }

    @Test
    void theDefaultFileIsNamedForTheCommandAndTheTimeInTheTemporaryDirectory() {
        Path file = LibraryLogs.defaultFile("demo", Instant.parse("2026-12-06T04:15:30Z"));

        assertThat(file.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(file.getFileName().toString()).matches("redflag-demo-20261206-\\d{6}\\.log");
    }
}
