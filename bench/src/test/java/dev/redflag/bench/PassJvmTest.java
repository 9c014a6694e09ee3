package dev.redflag.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redflag.demo.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A pass in a JVM of its own, against a real broker in this one, as {@code --jvm-per-pass} runs it. */
@Timeout(300)
class PassJvmTest {

    private static final long EVENTS = 4_000;

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void loadTheTopic() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka.createTopics(2, List.of(Bench.EVENTS_TOPIC));
        Preload.traffic(kafka.bootstrapServers(), Bench.EVENTS_TOPIC, EVENTS, 2, 42);
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    private static PassJvm jvm(Path log) {
        return new PassJvm(List.of("--events", Long.toString(EVENTS), "--parallelism", "2", "--warmup-rounds", "2",
                "--rules", "../alerts-config/rules", "--routes", "../alerts-config/routes.yaml"),
                kafka.bootstrapServers(), dir, log);
    }

    @Test
    void theChildRunsItsWarmUpsThenTheMeasuredPassOverTheWholeTopic() throws Exception {
        Path log = dir.resolve("ceiling.log");
        List<RedflagRun.Pass> warmUps = new ArrayList<>();

        RedflagRun.Pass pass = jvm(log).run("ceiling", warmUps::add);

        assertThat(warmUps).hasSize(2).allSatisfy(w -> assertThat(w.result().events()).isEqualTo(EVENTS));
        assertThat(pass.result().name()).isEqualTo("ceiling: Kafka consume + decode, no Flink");
        assertThat(pass.result().events()).isEqualTo(EVENTS);
        assertThat(pass.result().cores()).isEqualTo(2);
        assertThat(pass.result().cpuSeconds()).isPositive();
        assertThat(pass.series()).isEqualTo(-1);
        // the child's library logs went to the benchmark's log file, not into the lines it reads
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("kafka");
    }

    @Test
    void theFlinkSourceAloneReadsTheWholeTopicInItsOwnJvm() throws Exception {
        Path log = dir.resolve("source.log");
        List<RedflagRun.Pass> warmUps = new ArrayList<>();

        RedflagRun.Pass pass = jvm(log).run("source", warmUps::add);

        assertThat(warmUps).hasSize(2).allSatisfy(w -> assertThat(w.result().note()).startsWith("4,000 records"));
        assertThat(pass.result().name()).isEqualTo("Flink source alone: KafkaSource + decode, discarded");
        assertThat(pass.result().note()).startsWith("4,000 records, the source chained to a discarding sink");
        assertThat(pass.result().cores()).isEqualTo(2);
        assertThat(pass.series()).isEqualTo(-1);
    }

    @Test
    void aChildThatFailsNamesTheLogAndGivesNoPass() {
        Path log = dir.resolve("failed.log");

        assertThatThrownBy(() -> jvm(log).run("no-such-run", w -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the no-such-run pass's JVM exited with 1 and no result; its log is in " + log);
        assertThat(log).content().contains("unknown run no-such-run");
    }

    @Test
    void aPassCrossesFromTheChildWithItsSeries() {
        RedflagRun.Pass sent = new RedflagRun.Pass(new Result("redflag, heap state", 2_000_000, 4.25, 2, 3, 1_048_576,
                120, 300_000_000, "a note", 7.5), 1_220);

        assertThat(PassJvm.parse(PassJvm.line(sent))).isEqualTo(sent);
    }
}
