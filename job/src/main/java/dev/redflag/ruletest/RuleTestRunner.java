package dev.redflag.ruletest;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.Origin;
import dev.redflag.yaml.Suggestions;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Runs the tests of one file: reads it, loads its rule files exactly as the job would (all or
 * nothing, same messages), and replays each test's input through the live alerting code
 * ({@link Replay}), then compares what fired with what the test expects. A file that cannot run
 * (its own mistakes, invalid rules, unknown alert names, rejected events) yields problems rather
 * than failures: a broken test must not read as a broken rule.
 */
public final class RuleTestRunner {

    private final KpiCatalog catalog;
    private final EventKpis eventKpis;
    private final AlertLifecycle lifecycle;

    /**
     * @param catalog   the KPI catalog the job runs with (validates rules and inputs)
     * @param eventKpis turns raw events into KPI values (only called for tests with events)
     * @param lifecycle the alert lifecycle of the job (its flap policy)
     */
    public RuleTestRunner(KpiCatalog catalog, EventKpis eventKpis, AlertLifecycle lifecycle) {
        this.catalog = catalog;
        this.eventKpis = eventKpis;
        this.lifecycle = lifecycle;
    }

    /** Runs the tests of {@code file} whose name {@code selected} accepts. */
    public FileResult run(Path file, Predicate<String> selected) {
        String source = file.toString();
        RuleTestFile tests;
        RuleSet rules;
        try {
            tests = RuleTestReader.read(file, catalog);
            rules = RuleLoader.parseAll(texts(tests.ruleFiles()), catalog);
        } catch (ConfigException e) {
            return FileResult.problems(source, e.problems());
        } catch (UncheckedIOException e) {
            return FileResult.problems(source, List.of(e.getMessage()));
        }
        List<String> unknown = unknownAlerts(tests, rules);
        if (!unknown.isEmpty()) {
            return FileResult.problems(source, unknown);
        }
        ActiveRules active = new ActiveRules(rules, catalog);
        List<TestResult> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RuleTest test : tests.tests()) {
            if (!selected.test(test.name())) {
                continue;
            }
            try {
                results.add(run(test, active, new LabelView(rules)));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (Exception e) {
                throw new IllegalStateException("test '" + test.name() + "' of " + source + ": " + e, e);
            }
        }
        return new FileResult(source, results, problems);
    }

    private TestResult run(RuleTest test, ActiveRules active, LabelView view) throws Exception {
        List<KpiValue> values = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (SeriesInput s : test.series()) {
            values.addAll(s.kpiValues());
            end = Math.max(end, s.end());
        }
        for (EventsInput events : test.events()) {
            List<KpiValue> computed = eventKpis.compute(events);
            values.addAll(computed);
            for (KpiValue v : computed) {
                end = Math.max(end, v.windowEnd());
            }
        }
        List<Long> times = new ArrayList<>();
        test.checks().forEach(c -> times.add(c.at()));
        if (test.transitions() != null) {
            test.transitions().forEach(t -> times.add(t.at()));
            if (end != Long.MIN_VALUE) {
                times.add(end);
            }
        }
        // a test's series and events are history, not arrivals: in window order, no value is late
        values.sort(Comparator.comparingLong(KpiValue::windowEnd).thenComparingLong(KpiValue::windowStart));
        Replay.Result result = new Replay(active, lifecycle).run(values, times);
        List<List<String>> failures = new ArrayList<>();
        FiringComparison firing = new FiringComparison(view, test.start());
        for (AlertCheck check : test.checks()) {
            List<String> diff = firing.compare(check, result.at(check.at()));
            if (!diff.isEmpty()) {
                failures.add(diff);
            }
        }
        if (test.transitions() != null) {
            List<String> diff = new TransitionComparison(view, test.start()).compare(test.transitions(),
                    test.transitionsOrigin().line(), result.transitions());
            if (!diff.isEmpty()) {
                failures.add(diff);
            }
        }
        return new TestResult(test.name(), test.origin(), failures);
    }

    private static Map<String, String> texts(List<Path> files) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                texts.put(f.toString(), Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule file " + f + ": " + e.getMessage(), e);
            }
        }
        return texts;
    }

    /** Alert names a test expects that no rule raises: a typo there would make a test pass for nothing. */
    private static List<String> unknownAlerts(RuleTestFile file, RuleSet rules) {
        Set<String> names = new TreeSet<>();
        rules.rules().forEach((Rule r) -> names.add(r.alert()));
        List<String> problems = new ArrayList<>();
        for (RuleTest test : file.tests()) {
            for (AlertCheck check : test.checks()) {
                if (check.scope() != null) {
                    unknown(check.scope(), check.origin(), names, problems);
                }
                for (ExpectedAlert e : check.expected()) {
                    unknown(e.alert(), e.origin(), names, problems);
                }
            }
            if (test.transitions() != null) {
                test.transitions().forEach(t -> unknown(t.alert(), t.origin(), names, problems));
            }
        }
        return problems.stream().distinct().toList();
    }

    private static void unknown(String alert, Origin at, Set<String> names, List<String> problems) {
        if (!names.contains(alert)) {
            problems.add(at + ": no rule of the test's rule files raises '" + alert + "'"
                    + Suggestions.closest(alert, names, 4).map(s -> "; did you mean '" + s + "'?")
                    .orElse(names.isEmpty() ? "; the rule files have no rules" : "; alerts are "
                            + String.join(", ", names)));
        }
    }
}
