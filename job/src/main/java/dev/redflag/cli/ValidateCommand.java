package dev.redflag.cli;

import dev.redflag.yaml.ConfigException;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.notify.route.Route;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.route.Silences;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code redflag validate DIR}: the checks the job runs before accepting rules, for CI and for
 * people editing rule files, with the same messages. The routing and silences files beside the
 * rule directory ({@code alerts-config/routes.yaml}, {@code alerts-config/silences.yaml}) are
 * checked too when they exist, or the ones named by {@code --routes} and {@code --silences}, so
 * that one command in CI covers the whole {@code alerts-config/}. Exit 0: valid; 1: the files have
 * problems (one line each on stderr, every file's); 2: the command could not run (usage,
 * unreadable or missing files, broken KPI definitions or job config).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check rule files against the schema and the KPI catalog (KPIs, windows, "
                + "dimensions, durations, templates), and the routing and silences files beside them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the files are valid", "1:the files have problems, listed one per line",
            "2:usage error, unreadable or missing files, or broken KPI definitions"})
public final class ValidateCommand implements Callable<Integer> {

    static final int INVALID = 1;
    static final String ROUTES_FILE = "routes.yaml";
    static final String SILENCES_FILE = "silences.yaml";

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

    @Option(names = "--routes", paramLabel = "FILE",
            description = "routing file (default: " + ROUTES_FILE + " beside DIR when DIR is a directory and it "
                    + "exists)")
    Path routes;

    @Option(names = "--silences", paramLabel = "FILE",
            description = "silences file (default: " + SILENCES_FILE + " beside DIR when DIR is a directory and it "
                    + "exists)")
    Path silences;

    @Override
    public Integer call() {
        if (!Files.exists(rules)) {
            throw new UserError("rules not found: " + rules);
        }
        if (Files.isDirectory(rules) && RuleLoader.ruleFiles(rules).isEmpty()) {
            throw new UserError("no rule files (*.yaml, *.yml) in " + rules);
        }
        Path routesFile = file(routes, ROUTES_FILE, "routing file");
        Path silencesFile = file(silences, SILENCES_FILE, "silences file");
        KpiCatalog catalog = catalog();
        List<String> problems = new ArrayList<>();
        List<String> done = new ArrayList<>();
        try {
            RuleSet set = RuleLoader.load(rules, catalog);
            done.add(String.format("%s in %s from %s (version %s)", count(set.rules().size(), "rule"),
                    count(set.groups().size(), "group"), count(set.files().size(), "file"), set.version()));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (routesFile != null) {
            try {
                RouteTree tree = RouteLoader.load(routesFile);
                done.add(String.format("%s, %s, %s and %s in %s", count(childRoutes(tree.root()), "route"),
                        count(tree.receivers().size(), "receiver"), count(tree.inhibitRules().size(), "inhibit rule"),
                        count(tree.muteTimeIntervals().size(), "mute time interval"), routesFile));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (silencesFile != null) {
            try {
                Silences read = SilenceFile.load(silencesFile);
                done.add(String.format("%s in %s", count(read.silences().size(), "silence"), silencesFile));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            problems.forEach(err::println);
            err.flush();
            return INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        done.forEach(line -> out.println("OK: " + line));
        out.flush();
        return 0;
    }

    /** The file named by an option (which must exist), else the one beside the rule directory if there is one. */
    private Path file(Path option, String name, String what) {
        if (option != null) {
            if (!Files.isRegularFile(option)) {
                throw new UserError(what + " not found: " + option);
            }
            return option;
        }
        if (!Files.isDirectory(rules)) {
            return null;
        }
        Path beside = beside(rules, name);
        return Files.isRegularFile(beside) ? beside : null;
    }

    /** {@code alerts-config/rules} → {@code alerts-config/routes.yaml}, written as relative as DIR was. */
    static Path beside(Path dir, String name) {
        Path normal = dir.normalize();
        Path last = normal.getFileName();
        boolean named = last != null && !last.toString().isEmpty() && !last.toString().equals("..");
        return named ? normal.resolveSibling(name) : dir.toAbsolutePath().normalize().resolveSibling(name);
    }

    private static int childRoutes(Route route) {
        int n = 0;
        for (Route child : route.routes()) {
            n += 1 + childRoutes(child);
        }
        return n;
    }

    private KpiCatalog catalog() {
        return JobConfigs.catalog(JobConfigs.loadOrDefaults(config), kpis);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
