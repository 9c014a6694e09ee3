package dev.redflag.cli;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import dev.redflag.backtest.Backtest;
import dev.redflag.backtest.BacktestTable;
import dev.redflag.backtest.ChartPage;
import dev.redflag.backtest.History;
import dev.redflag.backtest.KafkaHistory;
import dev.redflag.backtest.RuleFiles;
import dev.redflag.backtest.SeriesNames;
import dev.redflag.backtest.TimelineDiff;
import dev.redflag.yaml.ConfigException;
import dev.redflag.config.JobConfig;
import dev.redflag.event.DeadLetter;
import dev.redflag.event.IsoTimestamps;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.chart.AlertChart;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code redflag backtest}: replays history through rule files with the live job's operators, so a
 * rule change can be judged on what it would have done before it ships — alone (a table or the
 * transitions as JSON lines, and a chart), or against the current rules (a Markdown diff of the
 * firing periods, for the pull request).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        customSynopsis = {
            "redflag backtest --rules DIR --events FILE|kafka:TOPIC [options]",
            "redflag backtest --compare OLD_DIR NEW_DIR --events FILE|kafka:TOPIC [options]"},
        description = "Run rules over history (a JSON-lines file or a Kafka topic) through the live job's "
                + "operators and show when they would have fired; or compare two rule sets over the same history.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (rejected records are reported on stderr)",
            "1:the rules have problems, listed one per line",
            "2:usage error, unreadable files, broken config or KPI definitions, Kafka unreachable"})
public final class BacktestCommand implements Callable<Integer> {

    static final int INVALID_RULES = 1;
    private static final String KAFKA_PREFIX = "kafka:";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    enum Format { table, jsonl }

    /** Either one rule set, or two to compare. */
    static final class Rules {
        @Option(names = "--rules", required = true, paramLabel = "DIR",
                description = "directory of *.yaml/*.yml rule files (or one rule file)")
        Path dir;

        @Option(names = "--compare", required = true, arity = "2", paramLabel = "OLD_DIR NEW_DIR",
                hideParamSyntax = true,
                description = "run both rule sets over the same history and print how the firing periods "
                        + "change as a Markdown table, for the pull request")
        List<Path> compare;
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Rules rules;

    @Option(names = "--events", required = true, paramLabel = "FILE|kafka:TOPIC",
            description = "JSON-lines file of events (one Kafka record per line), or kafka:TOPIC to read a topic "
                    + "from its beginning to its end at start")
    String events;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers for kafka:TOPIC (default: the config's kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--from", paramLabel = "TIME",
            description = "only events at or after this time (ISO-8601 with offset, e.g. 2026-11-24T06:00:00Z, "
                    + "or a UTC date)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "only events before this time")
    String to;

    @Option(names = "--config", paramLabel = "FILE",
            description = "job config (windows, lateness, KPI definitions, Kafka client settings)")
    Path config;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|jsonl",
            description = "table (firing periods and a summary per rule) or jsonl (one object per alert "
                    + "transition); default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--chart", paramLabel = "FILE.html",
            description = "also write an HTML page charting every alerting KPI series with its firing periods "
                    + "(with --compare: those of the new rules)")
    Path chart;

    @Option(names = "--charts", paramLabel = "DIR",
            description = "also write a PNG chart of each firing into DIR (created if missing): the series around it, "
                    + "its baseline, the band its rule fires outside, the stretch that fired")
    Path charts;

    /** PNGs written to {@link #charts}, said after the rejected records (which stderr starts with). */
    private int chartsWritten;

    @Override
    public Integer call() throws Exception {
        boolean comparing = rules.compare != null;
        if (comparing && rules.compare.size() != 2) {
            throw new UserError("--compare takes two rule directories: OLD_DIR NEW_DIR");
        }
        if (comparing && format == Format.jsonl) {
            throw new UserError("--format jsonl does not apply to --compare, which prints a Markdown table");
        }
        long fromMillis = time("--from", from, Long.MIN_VALUE);
        long toMillis = time("--to", to, Long.MAX_VALUE);
        if (fromMillis >= toMillis) {
            throw new UserError("--from must be before --to");
        }
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config);
        KpiCatalog catalog = JobConfigs.catalog(jobConfig);
        List<RuleFiles> sets = loadRules(comparing ? rules.compare : List.of(rules.dir), catalog);
        if (sets == null) {
            return INVALID_RULES;
        }
        History history = history(jobConfig).between(fromMillis, toMillis);
        if (history.size() == 0) {
            throw new UserError("no events to backtest in " + history.name()
                    + (history.skipped() > 0 ? " between --from and --to (" + history.skipped() + " outside)" : ""));
        }
        Backtest shown = comparing ? compare(history, jobConfig, catalog, sets.get(0), sets.get(1))
                : single(history, jobConfig, catalog, sets.get(0));
        reportRejected(shown.result().rejected(), history);
        if (charts != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("charts: " + chartsWritten + " in " + charts);
            err.flush();
        }
        return 0;
    }

    private Backtest single(History history, JobConfig jobConfig, KpiCatalog catalog, RuleFiles rules)
            throws Exception {
        Backtest run = Backtest.run(history, jobConfig, catalog, rules.bundle(), rules.rules());
        writeChart(run, history, catalog);
        writeCharts(run);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.jsonl) {
            AlertEventJson json = new AlertEventJson();
            run.transitions().forEach(a -> out.println(json.write(a)));
        } else {
            String chartNote = chart == null
                    ? "For a chart of each alerting KPI series with its firing periods, add --chart backtest.html"
                    : "Chart of each alerting KPI series: " + chart;
            out.print(BacktestTable.render(run.rules(), run.timeline(), run.peaks(), run.span(), run.seriesDays(),
                    skippedNote(history) + afterEndNote(run) + chartNote));
        }
        out.flush();
        return run;
    }

    /** Both rule sets over the same history; the Markdown names the new set first, as a PR reads. */
    private Backtest compare(History history, JobConfig jobConfig, KpiCatalog catalog, RuleFiles old,
                             RuleFiles neu) throws Exception {
        Backtest before = Backtest.run(history, jobConfig, catalog, old.bundle(), old.rules());
        Backtest after = Backtest.run(history, jobConfig, catalog, neu.bundle(), neu.rules());
        writeChart(after, history, catalog);
        writeCharts(after);
        SeriesNames names = new SeriesNames(before.rules(), after.rules());
        List<TimelineDiff.Change> changes = TimelineDiff.between(names.periods(before.timeline()),
                names.periods(after.timeline()));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Backtest of `%s` (rules %s) against `%s` (rules %s) over %s, %s.%n%n",
                rules.compare.get(1), after.rules().version(), rules.compare.get(0), before.rules().version(),
                history.name(), after.span());
        out.print(TimelineDiff.markdown(changes, before.timeline().periods().size(),
                after.timeline().periods().size()));
        out.flush();
        return after;
    }

    /** Every rule set, or null when any has problems (then printed, set by set). */
    private List<RuleFiles> loadRules(List<Path> paths, KpiCatalog catalog) throws IOException {
        List<RuleFiles> sets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : paths) {
            try {
                sets.add(RuleFiles.load(p, catalog));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.isEmpty()) {
            return sets;
        }
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(err::println);
        err.flush();
        return null;
    }

    private History history(JobConfig jobConfig) throws IOException {
        if (events.startsWith(KAFKA_PREFIX)) {
            String topic = events.substring(KAFKA_PREFIX.length());
            if (topic.isBlank()) {
                throw new UserError("--events kafka:TOPIC needs a topic name");
            }
            String servers = bootstrapServers != null ? bootstrapServers : jobConfig.kafka().bootstrapServers();
            return KafkaHistory.read(servers, topic, jobConfig.kafka().clientProperties(), KAFKA_TIMEOUT);
        }
        if (bootstrapServers != null) {
            throw new UserError("--bootstrap-servers only applies to --events kafka:TOPIC");
        }
        Path file = Path.of(events);
        return History.ofLines(file.getFileName().toString(), KpisCommand.readLines(file));
    }

    private void writeChart(Backtest run, History history, KpiCatalog catalog) throws IOException {
        if (chart == null) {
            return;
        }
        String heading = history.name() + ", rules version " + run.rules().version();
        Files.writeString(chart, ChartPage.html(heading, run.timeline(), run.result().values(), run.peaks(),
                run.span(), ChartPage.bands(run.transitions(), catalog)));
        if (format == Format.jsonl || rules.compare != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("chart: " + chart);
            err.flush();
        }
    }

    /** One PNG per firing that carries a chart: {@code <alert>-<fingerprint>-<fired at>.png}. */
    private void writeCharts(Backtest run) throws IOException {
        if (charts == null) {
            return;
        }
        Files.createDirectories(charts);
        for (AlertEvent e : run.transitions()) {
            byte[] png = AlertChart.png(e);
            if (png != null) {
                String at = Instant.ofEpochMilli(e.transition().at()).toString().replace(":", "");
                Files.write(charts.resolve(e.alertname() + "-" + e.fingerprint() + "-" + at + ".png"), png);
                chartsWritten++;
            }
        }
    }

    private static String skippedNote(History history) {
        return history.skipped() == 0 ? ""
                : history.skipped() + " records outside --from/--to left out.\n";
    }

    private static String afterEndNote(Backtest run) {
        return run.afterEnd() == 0 ? ""
                : run.afterEnd() + " alert transition" + (run.afterEnd() == 1 ? "" : "s")
                        + " after the end of the history left out (the input ending is not an outage).\n";
    }

    private void reportRejected(List<DeadLetter> rejected, History history) {
        PrintWriter err = spec.commandLine().getErr();
        for (DeadLetter d : rejected) {
            err.printf("%s: %s: %s%n", history.position(d), d.reason().label(), d.detail());
        }
        if (!rejected.isEmpty()) {
            err.printf("%d of %d %s rejected%n", rejected.size(), history.size(),
                    events.startsWith(KAFKA_PREFIX) ? "records" : "lines");
        }
        err.flush();
    }

    /** An ISO-8601 time with offset (as events carry), or a date meaning its start in UTC. */
    private static long time(String option, String text, long absent) {
        if (text == null) {
            return absent;
        }
        long millis = IsoTimestamps.parseMillis(text);
        if (millis != Long.MIN_VALUE) {
            return millis;
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UserError(option + ": '" + text + "' is not a time; write ISO-8601 with an offset, e.g. "
                    + "2026-11-24T06:00:00Z, or a date, e.g. 2026-11-24");
        }
    }
}
