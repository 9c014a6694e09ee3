package dev.redflag.cli;

import dev.redflag.report.DigestHistoryFiles;
import dev.redflag.testing.SharedKafka;
import dev.redflag.testing.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag report} reading the alerts and feedback topics of a real broker. */
@Timeout(120)
class ReportCommandIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    Path dir;

    @Test
    void readsBothTopicsFromTheirBeginningToTheirEndAsTheFilesAre() throws Exception {
        String alerts = KAFKA.topic("report-alerts", 1);
        String feedback = KAFKA.topic("report-feedback", 2);
        Topics.send(KAFKA.bootstrapServers(), alerts, 0, DigestHistoryFiles.alertLines().lines().toList());
        List<String> records = DigestHistoryFiles.feedbackLines().lines().toList();
        // two partitions, as the topic keyed by fingerprint spreads them: verdicts are ordered by when
        // they were given, not by where they were read
        Topics.send(KAFKA.bootstrapServers(), feedback, 0, records.subList(0, 6));
        Topics.send(KAFKA.bootstrapServers(), feedback, 1, records.subList(6, records.size()));
        Path rules = Files.writeString(dir.resolve("rules.yaml"), DigestHistoryFiles.RULES);

        ReportCommandTest.Run run = ReportCommandTest.run(Map.of(), "--alerts", "kafka:" + alerts,
                "--feedback", "kafka:" + feedback, "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--rules", rules.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(Path.of("src/test/resources/report/digest.md")));

        ReportCommandTest.Run missing = ReportCommandTest.run(Map.of(), "--alerts", "kafka:" + alerts,
                "--feedback", "kafka:no-such-feedback", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: topic not found: no-such-feedback on " + KAFKA.bootstrapServers()
                + "\n");
    }
}
