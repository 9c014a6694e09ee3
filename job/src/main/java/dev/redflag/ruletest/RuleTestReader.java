package dev.redflag.ruletest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Origin;
import dev.redflag.yaml.Suggestions;
import dev.redflag.yaml.YamlTree;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.rules.RuleLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a rule test file into a {@link RuleTestFile}, reporting every problem at once with
 * {@code file:line:column} as rule files and the job config do: a test file is edited by the same
 * people, and a typo in a test should read like a typo in a rule. Checks that need the KPI catalog
 * happen here ({@link InputReader}); checks that need the rules (alert names) once they are loaded.
 */
public final class RuleTestReader {

    private static final List<String> FILE_KEYS = List.of("rule_files", "tests");
    private static final List<String> TEST_KEYS = List.of("name", "start", "input", "events", "events_file", "alerts",
            "transitions");
    private static final List<String> CHECK_KEYS = List.of("at", "alert", "firing");
    private static final List<String> EXPECTED_KEYS = List.of("alert", "labels", "annotations");
    private static final List<String> TRANSITION_KEYS = List.of("alert", "state", "at", "labels", "annotations");
    private static final List<String> STATES = List.of("pending", "firing", "resolved");

    private static final YAMLMapper YAML = new YAMLMapper();

    private final String source;
    private final Path dir;
    private final Nodes nodes = new Nodes();
    private final InputReader inputs;

    private RuleTestReader(String source, Path dir, KpiCatalog catalog) {
        this.source = source;
        this.dir = dir;
        this.inputs = new InputReader(nodes, catalog, dir, source);
    }

    /**
     * Reads a test file; its relative paths (rule files, events files) start at its directory.
     *
     * @throws ConfigException      listing every problem as {@code file:line:column: path: reason}
     * @throws UncheckedIOException when the file cannot be read
     */
    public static RuleTestFile read(Path file, KpiCatalog catalog) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), file.getParent() == null ? Path.of("") : file.getParent(), catalog);
    }

    /** A test file's text; {@code source} names it in messages, {@code dir} is where its relative paths start. */
    public static RuleTestFile parse(String yaml, String source, Path dir, KpiCatalog catalog) {
        RuleTestReader reader = new RuleTestReader(source, dir, catalog);
        RuleTestFile file = reader.file(yaml);
        reader.nodes.problems.throwIfAny();
        return file;
    }

    private RuleTestFile file(String yaml) {
        ConfigNode root = YamlTree.parse(yaml, source, nodes.problems);
        if (root == null) {
            return null;
        }
        JsonNode document;
        try {
            document = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            nodes.problems.add(Origin.of(source), null, "invalid YAML: " + e.getOriginalMessage());
            return null;
        }
        if (!root.isMapping() || root.entries().isEmpty()) {
            nodes.problems.add(root.origin(), null, "a test file is a mapping with rule_files and tests");
            return null;
        }
        nodes.keys(root, FILE_KEYS, "rule_files", "tests");
        List<Path> ruleFiles = root.entries().containsKey("rule_files") ? ruleFiles(root.entries().get("rule_files"))
                : List.of();
        List<RuleTest> tests = new ArrayList<>();
        ConfigNode testsNode = root.entries().get("tests");
        if (testsNode != null) {
            List<ConfigNode> items = nodes.list(testsNode);
            if (items.isEmpty() && (testsNode.kind() == ConfigNode.Kind.LIST || testsNode.isEmpty())) {
                nodes.problems.add(testsNode.anchor(), testsNode.path(), "no tests; add at least one");
            }
            for (int i = 0; i < items.size(); i++) {
                RuleTest t = test(items.get(i), document.path("tests").path(i));
                if (t != null) {
                    tests.add(t);
                }
            }
        }
        return new RuleTestFile(source, ruleFiles, tests);
    }

    /** Files, directories (their *.yaml/*.yml) and globs in the last path segment, each file once. */
    private List<Path> ruleFiles(ConfigNode node) {
        Set<Path> files = new LinkedHashSet<>();
        List<ConfigNode> items = node.isScalar() ? List.of(node) : nodes.list(node);
        for (ConfigNode item : items) {
            String name = nodes.text(item);
            if (name == null) {
                continue;
            }
            Path path = dir.resolve(name).normalize();
            Path parent = path.getParent() == null ? Path.of("") : path.getParent();
            String last = path.getFileName() == null ? "" : path.getFileName().toString();
            if (last.contains("*") || last.contains("?") || last.contains("[") || last.contains("{")) {
                List<Path> found = glob(parent, last);
                if (found.isEmpty()) {
                    nodes.add(item, "'" + name + "' matches no file in " + parent);
                }
                files.addAll(found);
            } else if (Files.isDirectory(path)) {
                List<Path> found = RuleLoader.ruleFiles(path);
                if (found.isEmpty()) {
                    nodes.add(item, "no rule files (*.yaml, *.yml) in " + path);
                }
                files.addAll(found);
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                nodes.add(item, "rule file not found: " + path + " (paths are relative to the test file)");
            }
        }
        if (items.isEmpty() && (node.kind() == ConfigNode.Kind.LIST || node.isEmpty())) {
            nodes.problems.add(node.anchor(), node.path(), "no rule files; list them, e.g. rule_files: [../rules]");
        }
        return List.copyOf(files);
    }

    private static List<Path> glob(Path parent, String pattern) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, pattern)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }

    /** One test; {@code json} is the same test as Jackson reads it (for its events' JSON types). */
    private RuleTest test(ConfigNode node, JsonNode json) {
        if (!node.isMapping()) {
            nodes.add(node, "expected a mapping (a test with name, input and alerts), got " + node.describe());
            return null;
        }
        nodes.keys(node, TEST_KEYS, "name");
        Map<String, ConfigNode> e = node.entries();
        String name = e.containsKey("name") ? nodes.text(e.get("name")) : null;
        long start = e.containsKey("start") ? nodes.instant(e.get("start")) : AlertState.NO_TIME;
        if (!e.containsKey("input") && !e.containsKey("events") && !e.containsKey("events_file")) {
            nodes.add(node, "no input; add input (KPI series), events or events_file");
        }
        if (!e.containsKey("alerts") && !e.containsKey("transitions")) {
            nodes.add(node, "nothing expected; add alerts (what fires at given times) or transitions");
        }
        List<SeriesInput> series = e.containsKey("input") ? inputs.series(e.get("input"), start) : List.of();
        List<EventsInput> events = new ArrayList<>();
        if (e.containsKey("events")) {
            EventsInput in = inputs.events(e.get("events"), json.path("events"), start);
            if (in != null) {
                events.add(in);
            }
        }
        if (e.containsKey("events_file")) {
            EventsInput in = inputs.eventsFile(e.get("events_file"));
            if (in != null) {
                events.add(in);
            }
        }
        List<AlertCheck> checks = new ArrayList<>();
        if (e.containsKey("alerts")) {
            for (ConfigNode item : nodes.list(e.get("alerts"))) {
                AlertCheck c = check(item, start);
                if (c != null) {
                    checks.add(c);
                }
            }
        }
        List<ExpectedTransition> transitions = null;
        if (e.containsKey("transitions")) {
            transitions = new ArrayList<>();
            for (ConfigNode item : nodes.list(e.get("transitions"))) {
                ExpectedTransition t = transition(item, start);
                if (t != null) {
                    transitions.add(t);
                }
            }
        }
        return name == null ? null : new RuleTest(name, node.origin(), start, series, events, checks, transitions,
                e.containsKey("transitions") ? e.get("transitions").anchor() : null);
    }

    private AlertCheck check(ConfigNode node, long start) {
        if (!node.isMapping()) {
            nodes.add(node, "expected a mapping (at, firing), got " + node.describe());
            return null;
        }
        nodes.keys(node, CHECK_KEYS, "at", "firing");
        Map<String, ConfigNode> e = node.entries();
        long at = e.containsKey("at") ? nodes.time(e.get("at"), start) : AlertState.NO_TIME;
        String scope = e.containsKey("alert") ? nodes.text(e.get("alert")) : null;
        ConfigNode firing = e.get("firing");
        List<ExpectedAlert> expected = new ArrayList<>();
        if (firing != null && firing.isEmpty()) {
            nodes.problems.add(firing.anchor(), firing.path(), "write firing: [] when nothing may fire");
        } else if (firing != null) {
            for (ConfigNode item : nodes.list(firing)) {
                ExpectedAlert a = expected(item, scope);
                if (a != null) {
                    expected.add(a);
                }
            }
        }
        if (at == AlertState.NO_TIME || firing == null) {
            return null;
        }
        return new AlertCheck(at, scope, expected, node.origin());
    }

    private ExpectedAlert expected(ConfigNode node, String scope) {
        if (!node.isMapping()) {
            nodes.add(node, "expected a mapping (alert, labels, annotations), got " + node.describe());
            return null;
        }
        nodes.keys(node, EXPECTED_KEYS);
        Map<String, ConfigNode> e = node.entries();
        if (!e.containsKey("alert") && scope == null) {
            nodes.add(node, "required key 'alert' is missing");
            return null;
        }
        String alert = e.containsKey("alert") ? nodes.text(e.get("alert")) : scope;
        if (alert == null) {
            return null;
        }
        if (scope != null && !scope.equals(alert)) {
            nodes.add(e.get("alert"), "this check compares only " + scope + " (alert: " + scope + " above), so "
                    + alert + " is never compared here");
            return null;
        }
        Map<String, String> labels = e.containsKey("labels") ? nodes.stringMap(e.get("labels")) : Map.of();
        Map<String, String> annotations = e.containsKey("annotations") ? nodes.stringMap(e.get("annotations"))
                : Map.of();
        if (labels == null || annotations == null) {
            return null;
        }
        return new ExpectedAlert(alert, new TreeMap<>(labels), new TreeMap<>(annotations), node.origin());
    }

    private ExpectedTransition transition(ConfigNode node, long start) {
        if (!node.isMapping()) {
            nodes.add(node, "expected a mapping (alert, state, at), got " + node.describe());
            return null;
        }
        nodes.keys(node, TRANSITION_KEYS, "alert", "state", "at");
        Map<String, ConfigNode> e = node.entries();
        String alert = e.containsKey("alert") ? nodes.text(e.get("alert")) : null;
        Transition.Phase phase = null;
        if (e.containsKey("state")) {
            String state = nodes.text(e.get("state"));
            if (state != null && STATES.contains(state.toLowerCase(Locale.ROOT))) {
                phase = Transition.Phase.valueOf(state.toUpperCase(Locale.ROOT));
            } else if (state != null) {
                nodes.add(e.get("state"), "'" + state + "' is not one of " + String.join(", ", STATES)
                        + Suggestions.closest(state, STATES, 3).map(s -> "; did you mean '" + s + "'?").orElse(""));
            }
        }
        long at = e.containsKey("at") ? nodes.time(e.get("at"), start) : AlertState.NO_TIME;
        Map<String, String> labels = e.containsKey("labels") ? nodes.stringMap(e.get("labels")) : Map.of();
        Map<String, String> annotations = e.containsKey("annotations") ? nodes.stringMap(e.get("annotations"))
                : Map.of();
        if (alert == null || phase == null || at == AlertState.NO_TIME || labels == null || annotations == null) {
            return null;
        }
        return new ExpectedTransition(alert, phase, at, new TreeMap<>(labels), new TreeMap<>(annotations),
                node.origin());
    }
}
