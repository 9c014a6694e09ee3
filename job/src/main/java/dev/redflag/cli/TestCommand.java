package dev.redflag.cli;

import dev.redflag.alert.AlertLifecycle;
import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.labels.InvalidRegexException;
import dev.redflag.labels.Regexes;
import dev.redflag.ruletest.FileResult;
import dev.redflag.ruletest.FlinkEventKpis;
import dev.redflag.ruletest.RuleTestReport;
import dev.redflag.ruletest.RuleTestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code redflag test DIR|FILE...}: rule unit tests, so that a rule change is checked against the
 * incidents it must catch and the normal days it must leave alone before it ships, the way
 * {@code promtool test rules} checks Prometheus rules. The format is in {@code docs/testing-rules.md}.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run rule unit tests: given KPI series or events, expect these alerts at these times.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every test passed", "1:a test failed", "2:usage error, unreadable or invalid test or "
                + "rule files, broken KPI definitions"})
public final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE",
            description = "test files, or directories of *.test.yaml/*.test.yml files")
    List<Path> tests;

    @Option(names = "--kpis", paramLabel = "FILE",
            description = "KPI definitions (default: the job config's kpis.definitions, "
                    + KpiDefinitions.DEFAULT_FILE + " when present, else the seed KPIs)")
    Path kpis;

    @Option(names = "--config", paramLabel = "FILE",
            description = "job config, for its KPI windows, definitions file and event-time settings")
    Path config;

    @Option(names = "--run", paramLabel = "REGEX", description = "only the tests whose name contains a match")
    String run;

    @Override
    public Integer call() {
        List<Path> files = new ArrayList<>();
        for (Path path : tests) {
            if (!Files.exists(path)) {
                throw new UserError("tests not found: " + path);
            }
            List<Path> found = Files.isDirectory(path) ? testFiles(path) : List.of(path);
            if (found.isEmpty()) {
                throw new UserError("no test files (*.test.yaml, *.test.yml) in " + path);
            }
            files.addAll(found);
        }
        Predicate<String> selected = selection();
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config);
        KpiCatalog catalog = catalog(jobConfig);
        RuleTestRunner runner = new RuleTestRunner(catalog, new FlinkEventKpis(jobConfig, catalog),
                AlertLifecycle.DEFAULT);
        List<FileResult> results = new ArrayList<>();
        for (Path file : files) {
            results.add(runner.run(file, selected));
        }
        RuleTestReport.print(results, spec.commandLine().getOut());
        return RuleTestReport.exitCode(results);
    }

    private Predicate<String> selection() {
        if (run == null) {
            return name -> true;
        }
        try {
            com.google.re2j.Pattern pattern = Regexes.compile(run);
            return name -> pattern.matcher(name).find();
        } catch (InvalidRegexException e) {
            throw new UserError("--run: '" + run + "' is not a regular expression: " + e.reason());
        }
    }

    private KpiCatalog catalog(JobConfig jobConfig) {
        return JobConfigs.catalog(jobConfig, kpis);
    }

    /** The test files directly in {@code dir}, by name; other YAML there (fixtures) is left alone. */
    static List<Path> testFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && (name.endsWith(".test.yaml") || name.endsWith(".test.yml"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
