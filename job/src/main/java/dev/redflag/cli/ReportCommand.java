package dev.redflag.cli;

import dev.redflag.backtest.FeedbackRecords;
import dev.redflag.backtest.RuleFiles;
import dev.redflag.backtest.Verdicts;
import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.delivery.Outcome;
import dev.redflag.notify.slack.SlackEndpoint;
import dev.redflag.notify.slack.SlackMessage;
import dev.redflag.notify.slack.SlackPost;
import dev.redflag.notify.slack.SlackSender;
import dev.redflag.report.AlertTransitions;
import dev.redflag.report.Digest;
import dev.redflag.report.DigestBlocks;
import dev.redflag.report.DigestMarkdown;
import dev.redflag.rules.Rule;
import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code redflag report}: the weekly digest of the alerts topic and the feedback topic, for a
 * terminal or a pull request (Markdown) or for Slack (Block Kit, printed or posted with the bot
 * token).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Summarise the alerts of the last days: firing periods per rule, precision from the verdicts "
                + "given in Slack, the noisiest series, time to acknowledge, rules that never fired.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (records that could not be read are reported on stderr)",
            "1:the digest was printed, but Slack did not take the post (--post-to)",
            "2:usage error, unreadable files, broken config or rules, Kafka unreachable, no bot token for --post-to"})
public final class ReportCommand implements Callable<Integer> {

    static final int NOT_POSTED = 1;

    enum Format { markdown, blockkit }

    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d",
            description = "how far back from --until: firing periods that started in that span "
                    + "(default: ${DEFAULT-VALUE})")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "the end of the span (ISO-8601 with offset, or a UTC date; default: now)")
    String until;

    @Option(names = "--alerts", paramLabel = "FILE|kafka:TOPIC",
            description = "alert transitions: a JSON-lines file (as the alerts topic or backtest --format jsonl "
                    + "writes them) or kafka:TOPIC (default: kafka: and the config's alerts topic)")
    String alerts;

    @Option(names = "--feedback", paramLabel = "FILE|kafka:TOPIC",
            description = "feedback records from Slack's buttons: a JSON-lines file or kafka:TOPIC "
                    + "(default: kafka: and the config's feedback topic)")
    String feedback;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers for kafka:TOPIC (default: the config's kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "job config: Kafka servers, client settings and topics, KPI definitions")
    Path config;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "the rules in force (a directory of rule files, or one file), to list those that never fired")
    Path rules;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "markdown|blockkit",
            description = "markdown (for a terminal or a pull request) or blockkit (the Slack message as JSON); "
                    + "default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--post-to", paramLabel = "CHANNEL",
            description = "also post the digest to this Slack channel (#name or id) with the bot token "
                    + "(SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE, as the job reads it)")
    String postTo;

    /** The environment and the clock; tests give their own. */
    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        Duration span;
        try {
            span = Durations.parse(since);
        } catch (IllegalArgumentException e) {
            throw new UserError("--since: '" + since + "' is not a duration, e.g. 7d, 24h");
        }
        if (span.isZero() || span.isNegative()) {
            throw new UserError("--since must be positive");
        }
        Instant end = until == null ? clock.instant()
                : Instant.ofEpochMilli(BacktestCommand.time("--until", until, Long.MAX_VALUE));
        SlackSender sender = postTo == null ? null : sender();
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config);
        KpiCatalog catalog = JobConfigs.catalog(jobConfig);
        Set<String> ruleIds = null;
        if (rules != null) {
            try {
                ruleIds = RuleFiles.load(rules, catalog).rules().rules().stream().map(Rule::id)
                        .collect(Collectors.toSet());
            } catch (ConfigException e) {
                throw new UserError("--rules " + rules + ":\n" + String.join("\n", e.problems()));
            }
        }
        String alertSource = alerts != null ? alerts : HistorySource.KAFKA_PREFIX + jobConfig.kafka().alertsTopic();
        String feedbackSource = feedback != null ? feedback
                : HistorySource.KAFKA_PREFIX + jobConfig.kafka().feedbackTopic();
        if (bootstrapServers != null && !HistorySource.isKafka(alertSource)
                && !HistorySource.isKafka(feedbackSource)) {
            throw new UserError("--bootstrap-servers only applies to kafka:TOPIC sources");
        }
        AlertTransitions transitions = AlertTransitions.read(
                HistorySource.read("--alerts", alertSource, bootstrapServers, jobConfig));
        FeedbackRecords records = FeedbackRecords.read(
                HistorySource.read("--feedback", feedbackSource, bootstrapServers, jobConfig));
        reportUnread(transitions.malformed(), "alert transition");
        reportUnread(records.malformed(), "feedback record");

        Digest digest = Digest.of(transitions.transitions(), Verdicts.of(records.records()), ruleIds,
                end.minus(span), end, catalog);
        SlackMessage message = DigestBlocks.message(digest);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.markdown ? DigestMarkdown.render(digest) : message.toJson() + "\n");
        out.flush();
        return sender == null ? 0 : post(sender, message.withChannel(postTo));
    }

    /** The bot's sender, checked before anything is read so that a missing token fails fast. */
    private SlackSender sender() {
        Optional<SlackEndpoint> endpoint;
        try {
            endpoint = SlackEndpoint.fromEnvironment(env);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UserError("Slack: " + e.getMessage());
        }
        if (endpoint.isEmpty() || endpoint.get().isWebhook()) {
            throw new UserError("--post-to needs SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE: a webhook posts to its "
                    + "own channel only");
        }
        return SlackSender.create(endpoint.get());
    }

    private int post(SlackSender sender, SlackMessage message) throws Exception {
        Outcome<SlackPost> outcome = sender.send(message).get();
        PrintWriter err = spec.commandLine().getErr();
        if (outcome.sent()) {
            err.println("posted to " + postTo + " (ts " + outcome.value().ts() + ")");
            err.flush();
            return 0;
        }
        err.println("not posted to " + postTo + ": " + outcome.error());
        err.flush();
        return NOT_POSTED;
    }

    private void reportUnread(List<String> malformed, String what) {
        if (malformed.isEmpty()) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        malformed.forEach(err::println);
        err.println(malformed.size() + " " + what + (malformed.size() == 1 ? "" : "s") + " left out");
        err.flush();
    }
}
