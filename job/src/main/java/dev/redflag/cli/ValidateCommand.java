package dev.redflag.cli;

import dev.redflag.config.ConfigException;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code redflag validate DIR}: the checks the job runs before accepting rules, for CI and for
 * people editing rule files, with the same messages. Exit 0: valid; 1: the rules have problems
 * (one line each on stderr); 2: the command could not run (usage, unreadable files, broken KPI
 * definitions or job config).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check rule files against the schema and the KPI catalog (KPIs, windows, "
                + "dimensions, durations, templates).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the rules are valid", "1:the rules have problems, listed one per line",
            "2:usage error, unreadable files or broken KPI definitions"})
public final class ValidateCommand implements Callable<Integer> {

    static final int INVALID = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "directory of *.yaml/*.yml rule files, or one file")
    Path rules;

    @Option(names = "--kpis", paramLabel = "FILE",
            description = "KPI definitions (default: the job config's kpis.definitions, "
                    + KpiDefinitions.DEFAULT_FILE + " when present, else the seed KPIs)")
    Path kpis;

    @Option(names = "--config", paramLabel = "FILE",
            description = "job config, for its KPI windows and definitions file")
    Path config;

    @Override
    public Integer call() {
        if (!Files.exists(rules)) {
            throw new UserError("rules not found: " + rules);
        }
        if (Files.isDirectory(rules) && RuleLoader.ruleFiles(rules).isEmpty()) {
            throw new UserError("no rule files (*.yaml, *.yml) in " + rules);
        }
        KpiCatalog catalog = catalog();
        RuleSet set;
        try {
            set = RuleLoader.load(rules, catalog);
        } catch (ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.problems().forEach(err::println);
            err.flush();
            return INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("OK: %s in %s from %s (version %s)%n", count(set.rules().size(), "rule"),
                count(set.groups().size(), "group"), count(set.files().size(), "file"), set.version());
        out.flush();
        return 0;
    }

    private KpiCatalog catalog() {
        return JobConfigs.catalog(JobConfigs.loadOrDefaults(config), kpis);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
