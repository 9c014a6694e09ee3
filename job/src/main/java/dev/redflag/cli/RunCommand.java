package dev.redflag.cli;

import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleDirectoryWatcher;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.RulesPublisher;
import dev.redflag.pipeline.FlinkSettings;
import dev.redflag.pipeline.KafkaTopicsCheck;
import dev.redflag.pipeline.RedflagJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code redflag run}: the live job. Submitted to a cluster (flink run redflag-cluster.jar run …)
 * it runs there; started with {@code java -jar} it runs on an in-process mini cluster.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the live job: Kafka events in; KPIs, alerts and notifications out.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "job config YAML")
    Path config;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "validate and publish this rule directory to the rules topic before starting")
    Path rules;

    @Option(names = "--watch", description = "with --rules: publish the directory again whenever a file changes")
    boolean watch;

    @Option(names = "--create-topics",
            description = "create the configured topics that do not exist (the rules topic compacted), "
                    + "with --partitions partitions and the broker's default replication")
    boolean createTopics;

    @Option(names = "--partitions", defaultValue = "2", paramLabel = "N",
            description = "with --create-topics: partitions of each new topic but the rules topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "when the job runs in this JVM (java -jar): where Kafka's, Flink's and redflag's logs go "
                    + "(default: redflag-run-<time>.log in the temporary directory); on a Flink cluster the "
                    + "cluster's logging applies")
    Path logFile;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config, JobConfigs.env(spec));
        KpiCatalog catalog = JobConfigs.catalog(jobConfig);
        JobConfigs.checkExampleIdKey(catalog, System.getenv());
        if (watch && rules == null) {
            throw new UserError("--watch needs --rules DIR");
        }
        if (!StreamExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
            // submitted to a cluster (flink run, application mode): its logging, no console
            return run(jobConfig, catalog, null, FlinkSettings.of(jobConfig));
        }
        // taken before the library logs take over the standard streams
        PrintWriter out = spec.commandLine().getOut();
        spec.commandLine().getErr();
        Path logs = logFile != null ? logFile : LibraryLogs.defaultFile("run", Instant.now());
        try (LibraryLogs library = LibraryLogs.open(logs)) {
            LiveConsole console = new LiveConsole(out, LiveConsole.stdoutIsTerminal());
            console.println("redflag run");
            console.println("  config      " + config);
            console.println("  kafka       " + jobConfig.kafka().bootstrapServers() + "  events from "
                    + String.join(", ", jobConfig.kafka().eventTopics()));
            console.println("  logs        " + library.file() + "  (Kafka's, Flink's and redflag's logs)");
            // without a cluster to submit to (java -jar), Flink starts a mini cluster in this JVM, which
            // takes cluster settings too: Flink's own Prometheus reporter
            return run(jobConfig, catalog, console,
                    FlinkSettings.localCluster(jobConfig, jobConfig.metrics().flinkReporterPort()));
        } finally {
            out.flush();
        }
    }

    /** @param console the console of a job in this JVM; null on a cluster */
    private int run(JobConfig jobConfig, KpiCatalog catalog, LiveConsole console, Configuration flink)
            throws Exception {
        if (createTopics) {
            createTopics(jobConfig, console);
        }
        List<KafkaTopicsCheck.TopicUse> uses = new ArrayList<>(KafkaTopicsCheck.jobUses(jobConfig.kafka()));
        if (rules != null) {
            uses.addAll(KafkaTopicsCheck.publishUses(jobConfig.kafka()));
        }
        JobConfigs.requireTopics(jobConfig.kafka(), uses);
        if (rules != null && !publish(RuleBundle.read(rules), jobConfig, catalog, console)) {
            return ValidateCommand.INVALID;
        }
        RuleDirectoryWatcher watcher = watch
                ? new RuleDirectoryWatcher(rules, bundle -> publish(bundle, jobConfig, catalog, console),
                        this::watchProblem).start()
                : null;
        LOG.info("starting redflag: {} KPIs, kafka {}", catalog.specs().size(), jobConfig.kafka());
        StreamExecutionEnvironment env = FlinkSettings.apply(
                StreamExecutionEnvironment.getExecutionEnvironment(flink), jobConfig);
        RedflagJob.define(env, jobConfig, catalog, JobConfigs.notifications(jobConfig, JobConfigs.env(spec)));
        // the status line's meters and timer exist only for a console: a job on a cluster has neither
        MetricsHub hub = console == null ? null
                : MetricsHub.shared(jobConfig.metrics().port(), jobConfig.metrics().lastPort());
        ScheduledExecutorService status = console == null ? null : Executors.newSingleThreadScheduledExecutor();
        try {
            if (console != null) {
                console.println("  prometheus  http://localhost:" + hub.port() + "/metrics");
                console.println("  job         " + jobName() + " on a Flink mini cluster in this JVM (Ctrl-C stops it)");
                JobCounters counters = new JobCounters(hub.registry(), () -> null);
                console.keepStatus(status, () -> counters.read().line());
            }
            env.execute(jobName());
        } finally {
            if (console != null) {
                status.shutdownNow();
                console.endStatus();
                hub.release();
            }
            if (watcher != null) {
                watcher.close();
            }
        }
        return 0;
    }

    /** "redflag 0.1.0": the name Flink's web UI and REST API show, so it is plain which version runs. */
    static String jobName() {
        String version = Redflag.class.getPackage().getImplementationVersion();
        return version == null ? "redflag" : "redflag " + version;
    }

    private void createTopics(JobConfig jobConfig, LiveConsole console) throws InterruptedException {
        if (partitions < 1) {
            throw new UserError("--partitions must be 1 or more, got " + partitions);
        }
        try {
            for (String topic : KafkaTopicsCheck.createMissing(jobConfig.kafka(), partitions, Duration.ofSeconds(15))) {
                LOG.info("created topic {}", topic);
                if (console != null) {
                    console.println("  topic       " + topic + " created");
                }
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UserError("could not create the topics on " + jobConfig.kafka().bootstrapServers() + ": "
                    + cause.getMessage());
        }
    }

    /** The watcher logs it; this shows it where the person editing the rules looks. */
    private void watchProblem(String problem) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("rules --watch: " + problem);
        err.flush();
    }

    /** Validates and publishes; a broken set is reported and not published, the job keeps its rules. */
    private boolean publish(RuleBundle bundle, JobConfig jobConfig, KpiCatalog catalog, LiveConsole console) {
        PrintWriter err = spec.commandLine().getErr();
        RuleSet set = RulesCommand.check(bundle, catalog, err);
        if (set == null) {
            err.println("rule set not published; the job keeps its rules");
            err.flush();
            return false;
        }
        try (RulesPublisher publisher = RulesCommand.publisher(jobConfig)) {
            publisher.publish(bundle);
            LOG.info("published rule set {} ({} rules)", set.version(), set.rules().size());
            if (console != null) {
                console.println(String.format(Locale.ROOT, "  rules       %d rules from %s (version %s) published",
                        set.rules().size(), rules, set.version()));
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish rules to " + jobConfig.kafka().rulesTopic(), e);
        }
    }
}
