package dev.redflag.cli;

import dev.redflag.yaml.ConfigException;
import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.pipeline.KafkaTopicsCheck;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.RulesPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code redflag rules push DIR}: validate a rule directory, then publish it to the running job. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Manage the rules of a running job.",
        subcommands = RulesCommand.Push.class)
public final class RulesCommand {

    /**
     * Validates with the job's own checks and publishes the whole directory as one rule set to the
     * compacted rules topic; the job swaps it in without a restart. Nothing is published when a
     * single file has a problem.
     */
    @Command(name = "push", mixinStandardHelpOptions = true,
            description = "Validate the rule files of DIR and publish them to the rules topic.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:published", "1:the rules have problems; nothing was published",
                "2:usage error, unreadable files, bad config"})
    static final class Push implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "directory of *.yaml/*.yml rule files")
        Path dir;

        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "job config: Kafka servers, rules topic, KPI definitions")
        Path config;

        @Override
        public Integer call() throws Exception {
            JobConfig jobConfig = JobConfigs.loadOrDefaults(config, JobConfigs.env(spec));
            KpiCatalog catalog = JobConfigs.catalog(jobConfig);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RuleBundle bundle = RuleBundle.read(dir);
            RuleSet set = check(bundle, catalog, err);
            if (set == null) {
                return ValidateCommand.INVALID;
            }
            JobConfigs.requireTopics(jobConfig.kafka(), KafkaTopicsCheck.publishUses(jobConfig.kafka()));
            try (RulesPublisher publisher = publisher(jobConfig)) {
                long offset = publisher.publish(bundle);
                out.printf("published rule set %s (%d rules in %d groups) to %s at offset %d%n", set.version(),
                        set.rules().size(), set.groups().size(), jobConfig.kafka().rulesTopic(), offset);
            }
            out.flush();
            return 0;
        }
    }

    /** The rule set, or null after printing every problem. */
    static RuleSet check(RuleBundle bundle, KpiCatalog catalog, PrintWriter err) {
        try {
            return RuleLoader.parseAll(bundle.files(), catalog);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return null;
        }
    }

    static RulesPublisher publisher(JobConfig config) {
        return new RulesPublisher(config.kafka().bootstrapServers(), config.kafka().rulesTopic(),
                config.kafka().clientProperties());
    }
}
