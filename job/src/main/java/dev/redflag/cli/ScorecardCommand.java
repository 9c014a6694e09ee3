package dev.redflag.cli;

import dev.redflag.backtest.RuleFiles;
import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.scorecard.GridSize;
import dev.redflag.scorecard.Scorecard;
import dev.redflag.yaml.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code redflag scorecard}: how well a rule pack detects incidents, and how often it cries wolf,
 * on synthetic histories of every volume from 10 events a day to 3,000 an hour; see the Scorecard
 * section of docs/detection.md.
 */
@Command(name = "scorecard", mixinStandardHelpOptions = true,
        description = "Score rules on synthetic KPI histories over a grid of volumes and incidents: detection "
                + "rate, time to detect and false alerts by KPI and volume, against the targets.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (with --check: every target met)",
            "1:with --check, a target missed; or the rules have problems, listed one per line",
            "2:usage error, unreadable files, KPI definitions without any KPI of the grid"})
public final class ScorecardCommand implements Callable<Integer> {

    static final int MISSED = 1;

    enum Format { table, markdown, csv }

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", defaultValue = "alerts-config/rules", paramLabel = "DIR",
            description = "directory of *.yaml/*.yml rule files (or one rule file); default: ${DEFAULT-VALUE}")
    Path rules;

    @Option(names = "--kpis", paramLabel = "FILE",
            description = "KPI definitions (default: " + KpiDefinitions.DEFAULT_FILE + "); the grid's KPIs they "
                    + "lack, or define without a 1h window, are left out and named")
    Path kpis;

    @Option(names = "--size", defaultValue = "small", paramLabel = "small|full",
            description = "small (2 seeds, seconds) or full (10 seeds, minutes); default: ${DEFAULT-VALUE}")
    GridSize size;

    @Option(names = "--seeds", paramLabel = "N", description = "run each scenario with N seeds (default: by --size)")
    Integer seeds;

    @Option(names = "--threads", paramLabel = "N",
            description = "scenarios run at once (default: the number of processors)")
    Integer threads;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|markdown|csv",
            description = "table, markdown (for the docs) or csv (plain numbers); default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--kpi", paramLabel = "NAME",
            description = "only the scenarios of these KPIs (repeatable): bounce_rate, conversion_rate, nps, "
                    + "mql_to_sql_rate, churn_rate, signups, arpu; default all")
    List<String> only;

    @Option(names = "--check", description = "exit with code 1 when a target is missed")
    boolean check;

    @Option(names = "--details", description = "also list each missed incident of at least 5 SE and each false "
            + "alert of a quiet history")
    boolean details;

    @Override
    public Integer call() throws Exception {
        int n = seeds == null ? size.defaultSeeds() : seeds;
        if (n < 1) {
            throw new UserError("--seeds must be at least 1");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new UserError("--threads must be at least 1");
        }
        JobConfig config = JobConfigs.loadOrDefaults(null);
        KpiCatalog catalog = JobConfigs.catalog(config, kpis);
        RuleFiles loaded;
        try {
            loaded = RuleFiles.load(rules, catalog);
        } catch (ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.problems().forEach(err::println);
            err.flush();
            return MISSED;
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        Scorecard card;
        try {
            card = only == null ? Scorecard.run(loaded.rules(), catalog, n, t)
                    : Scorecard.run(only, loaded.rules(), catalog, n, t);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (format) {
            case table -> card.table();
            case markdown -> card.markdown();
            case csv -> card.csv();
        });
        if (details) {
            out.print("\n" + card.details());
        }
        out.flush();
        return check && !card.meetsTargets() ? MISSED : 0;
    }
}
