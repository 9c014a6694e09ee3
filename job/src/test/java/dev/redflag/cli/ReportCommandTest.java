package dev.redflag.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.redflag.notify.slack.SlackGolden;
import dev.redflag.notify.slack.SlackStandIn;
import dev.redflag.report.DigestHistoryFiles;
import dev.redflag.testing.HttpStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag report} on a hand-built week of alerts and feedback (report.DigestHistory), from files. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private Path alerts;
    private Path feedback;
    private Path rules;

    @BeforeEach
    void files() throws IOException {
        alerts = Files.writeString(dir.resolve("alerts.jsonl"), DigestHistoryFiles.alertLines());
        feedback = Files.writeString(dir.resolve("feedback.jsonl"), DigestHistoryFiles.feedbackLines());
        rules = Files.writeString(dir.resolve("rules.yaml"), DigestHistoryFiles.RULES);
    }

    /** The hand-reviewed Markdown of the week (its numbers are worked out in report.DigestHistory). */
    private static final Path MARKDOWN = Path.of("src/test/resources/report/digest.md");

    @Test
    void printsTheDigestAsMarkdown() throws IOException {
        Run run = run(Map.of(), "--alerts", alerts.toString(), "--feedback", feedback.toString(),
                "--rules", rules.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(MARKDOWN));
    }

    @Test
    void printsTheDigestAsBlockKit() throws IOException {
        Run run = run(Map.of(), "--alerts", alerts.toString(), "--feedback", feedback.toString(),
                "--rules", rules.toString(), "--format", "blockkit");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).endsWith("}\n");
        SlackGolden.assertMatches("report-digest.json", run.out());
    }

    @Test
    void postsTheBlockKitToTheChannelWithTheBotToken() {
        String printed = run(Map.of(), "--alerts", alerts.toString(), "--feedback", feedback.toString(),
                "--format", "blockkit").out();
        try (SlackStandIn slack = SlackStandIn.answeringOk()) {
            Run run = run(Map.of("SLACK_BOT_TOKEN", "xoxb-report", "SLACK_API_URL", slack.url("/api")),
                    "--alerts", alerts.toString(), "--feedback", feedback.toString(), "--post-to", "#kpi-weekly");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).startsWith("## redflag report, 2026-11-30 00:00 to 2026-12-07 00:00 UTC\n");
            assertThat(run.err()).isEqualTo("posted to #kpi-weekly (ts 1700000000.000001)\n");
            assertThat(slack.received()).hasSize(1);
            HttpStandIn.Received post = slack.received("chat.postMessage").get(0);
            assertThat(post.header("Authorization")).isEqualTo("Bearer xoxb-report");
            JsonObject body = JsonParser.parseString(post.body()).getAsJsonObject();
            assertThat(body.remove("channel").getAsString()).isEqualTo("#kpi-weekly");
            assertThat(body).isEqualTo(JsonParser.parseString(printed));
        }
    }

    @Test
    void aPostSlackRefusesIsExitOneAfterTheDigestIsPrinted() {
        try (SlackStandIn slack = SlackStandIn.start().answer(SlackStandIn.Answer.apiError("channel_not_found"))) {
            Run run = run(Map.of("SLACK_BOT_TOKEN", "xoxb-report", "SLACK_API_URL", slack.url("/api")),
                    "--alerts", alerts.toString(), "--feedback", feedback.toString(), "--post-to", "#nowhere");
            assertThat(run.exit()).isEqualTo(ReportCommand.NOT_POSTED);
            assertThat(run.out()).startsWith("## redflag report");
            assertThat(run.err()).startsWith("not posted to #nowhere: ").contains("channel_not_found")
                    .doesNotContain("xoxb-report");
            assertThat(slack.received()).hasSize(1);
        }
    }

    @Test
    void postingWithoutABotTokenIsAUsageErrorBeforeAnythingIsRead() {
        Run run = run(Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X"),
                "--alerts", dir.resolve("missing.jsonl").toString(), "--post-to", "#kpi-weekly");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--post-to needs SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE");
    }

    @Test
    void recordsThatAreNotAlertsOrFeedbackAreNamedAndLeftOut() throws IOException {
        Files.writeString(alerts, "{\"alert\":\"half\"}\n", StandardOpenOption.APPEND);
        Files.writeString(feedback, "{\"action\":\"applaud\"}\n\nnot json\n", StandardOpenOption.APPEND);
        Run run = run(Map.of(), "--alerts", alerts.toString(), "--feedback", feedback.toString(),
                "--rules", rules.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(MARKDOWN));
        assertThat(run.err()).isEqualTo("""
                alerts.jsonl:22: not an alert transition
                1 alert transition left out
                feedback.jsonl:13: unknown action "applaud"
                feedback.jsonl:15: not JSON
                2 feedback records left out
                """);
    }

    @Test
    void sinceAndUntilChooseThePeriodsByWhenTheyStarted() {
        Run run = run(Map.of(), "--alerts", alerts.toString(), "--feedback", feedback.toString(),
                "--since", "2d", "--until", "2026-12-06T21:00:00Z");
        assertThat(run.exit()).isZero();
        // 12-05 14:00 (1h, unjudged) and 12-06 20:00 (1h until 21:00, real, acknowledged after 2m)
        assertThat(run.out()).startsWith("""
                ## redflag report, 2026-12-04 21:00 to 2026-12-06 21:00 UTC

                2 firing periods of 2 rules on 2 series, 1 still firing. Precision 100% (1 real, 0 false alarms; \
                1 of 2 judged). 1 acknowledged, median 2m after firing.
                """);
    }

    @Test
    void aSpanThatIsNotADurationIsAUsageError() {
        Run run = run(Map.of(), "--alerts", alerts.toString(), "--feedback", feedback.toString(), "--since", "week");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--since: 'week' is not a duration");
    }

    record Run(int exit, String out, String err) {
    }

    /** The command at 2026-12-07 00:00 UTC (the end of the hand-built week), with {@code env}. */
    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Redflag.commandLine();
        ReportCommand report = (ReportCommand) cli.getSubcommands().get("report").getCommand();
        report.env = env;
        report.clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }
}
