package dev.redflag.cli;

import dev.redflag.alert.ExampleIds;
import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.config.KafkaConfig;
import dev.redflag.pipeline.KafkaTopicsCheck;
import picocli.CommandLine.Model.CommandSpec;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;

import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.slack.SlackEndpoint;
import dev.redflag.pipeline.Notifications;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Loads what every command starts from: the job config and the KPI catalog it names. */
final class JobConfigs {

    private JobConfigs() {
    }

    /** The config file with environment overrides, or the defaults when no file is given. */
    static JobConfig loadOrDefaults(Path file) {
        return loadOrDefaults(file, System.getenv());
    }

    /** The config file with overrides and secrets from {@code env}, or the defaults when no file is given. */
    static JobConfig loadOrDefaults(Path file, Map<String, String> env) {
        if (file == null) {
            return JobConfig.defaults("localhost:9092");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError("config file not found: " + file);
        }
        return JobConfigLoader.load(file, env);
    }

    /** The environment of the command line a command runs in ({@link Redflag#commandLine(Map)}). */
    static Map<String, String> env(CommandSpec spec) {
        return spec.root().userObject() instanceof Redflag redflag ? redflag.env() : System.getenv();
    }

    /**
     * Stops the command, before it writes anything, when the brokers refuse its login or a topic it
     * uses is missing or not allowed to its user; each problem names the config key and what to do.
     */
    static void requireTopics(KafkaConfig kafka, List<KafkaTopicsCheck.TopicUse> uses) {
        List<String> problems;
        try {
            problems = KafkaTopicsCheck.problems(kafka, uses, KAFKA_CHECK_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while checking the Kafka topics");
        }
        if (!problems.isEmpty()) {
            throw new UserError(String.join("\n", problems));
        }
    }

    static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(15);

    /**
     * The seed catalog plus the definitions file the config names; a missing file at the default
     * location means seed KPIs only, a missing file named explicitly is an error.
     */
    static KpiCatalog catalog(JobConfig config) {
        Path definitions = config.kpis().definitions();
        if (!Files.isRegularFile(definitions)) {
            if (definitions.equals(Path.of(KpiDefinitions.DEFAULT_FILE))) {
                return KpiCatalog.builtins(config.kpis().windows());
            }
            throw new UserError("kpis.definitions: file not found: " + definitions);
        }
        return KpiDefinitions.load(definitions, config.kpis().windows());
    }

    /**
     * Fails at start-up, with what to set, when a KPI asks for hashed example IDs and the
     * environment holds no key ({@link ExampleIds#forCatalog}); the key itself is never shown.
     */
    static void checkExampleIdKey(KpiCatalog catalog, Map<String, String> env) {
        try {
            ExampleIds.forCatalog(catalog, env);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The routing tree the config names, or null when the file is missing at the default path
     * (no notification groups); a missing file named explicitly is an error.
     */
    static RouteTree routes(JobConfig config) {
        Path file = config.notifications().routes();
        if (!Files.isRegularFile(file)) {
            if (file.equals(Path.of(DEFAULT_ROUTES))) {
                return null;
            }
            throw new UserError("notify.routes: file not found: " + file);
        }
        return RouteLoader.load(file);
    }

    static final String DEFAULT_ROUTES = "alerts-config/routes.yaml";

    /** How the live job notifies: the config's routing tree, Slack from the environment. */
    static Notifications notifications(JobConfig config, Map<String, String> env) {
        RouteTree routes = routes(config);
        try {
            // the task managers read the same variables; a conflict is better reported here, at start
            SlackEndpoint.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new UserError("Slack: " + e.getMessage());
        }
        return routes == null ? Notifications.none() : Notifications.routedBy(routes);
    }

    /** With {@code --kpis FILE} given, that file's definitions; otherwise as {@link #catalog(JobConfig)}. */
    static KpiCatalog catalog(JobConfig config, Path kpisFile) {
        if (kpisFile == null) {
            return catalog(config);
        }
        if (!Files.isRegularFile(kpisFile)) {
            throw new UserError("KPI definitions not found: " + kpisFile);
        }
        return KpiDefinitions.load(kpisFile, config.kpis().windows());
    }
}
