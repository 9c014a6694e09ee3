package dev.redflag.ruletest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import dev.redflag.config.ConfigException;
import dev.redflag.config.ConfigNode;
import dev.redflag.config.Durations;
import dev.redflag.config.Origin;
import dev.redflag.config.Problems;
import dev.redflag.config.Suggestions;
import dev.redflag.config.YamlTree;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.WindowSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a rule test file into a {@link RuleTestFile}, reporting every problem at once with
 * {@code file:line:column} as rule files and the job config do: a test file is edited by the same
 * people, and a typo in a test should read like a typo in a rule. Checks that need the KPI catalog
 * (known KPIs, windows, dimensions, ratio or not) happen here; checks that need the rules (alert
 * names) happen once the rules are loaded.
 */
public final class RuleTestReader {

    private static final List<String> FILE_KEYS = List.of("rule_files", "tests");
    private static final List<String> TEST_KEYS = List.of("name", "start", "input", "events", "events_file", "alerts",
            "transitions");
    private static final List<String> INPUT_KEYS = List.of("kpi", "window", "dims", "start", "values", "denominators",
            "samples");
    private static final List<String> CHECK_KEYS = List.of("at", "alert", "firing");
    private static final List<String> EXPECTED_KEYS = List.of("alert", "labels", "annotations");
    private static final List<String> TRANSITION_KEYS = List.of("alert", "state", "at", "labels");
    private static final List<String> STATES = List.of("pending", "firing", "resolved");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Path dir;
    private final KpiCatalog catalog;
    private final Problems problems = new Problems();
    private JsonNode document;

    private RuleTestReader(String source, Path dir, KpiCatalog catalog) {
        this.source = source;
        this.dir = dir;
        this.catalog = catalog;
    }

    /**
     * Reads a test file.
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

    /**
     * A test file's text; {@code source} names it in messages, {@code dir} is where its relative
     * paths (rule files, events files) start.
     */
    public static RuleTestFile parse(String yaml, String source, Path dir, KpiCatalog catalog) {
        RuleTestReader reader = new RuleTestReader(source, dir, catalog);
        RuleTestFile file = reader.file(yaml);
        reader.problems.throwIfAny();
        return file;
    }

    private RuleTestFile file(String yaml) {
        ConfigNode root = YamlTree.parse(yaml, source, problems);
        if (root == null) {
            return null;
        }
        try {
            document = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            problems.add(Origin.of(source), null, "invalid YAML: " + e.getOriginalMessage());
            return null;
        }
        if (!root.isMapping() || root.entries().isEmpty()) {
            problems.add(root.origin(), null, "a test file is a mapping with rule_files and tests; see RULE_TESTS.md");
            return null;
        }
        keys(root, FILE_KEYS, "rule_files", "tests");
        List<Path> ruleFiles = ruleFiles(root.entries().get("rule_files"));
        List<RuleTest> tests = new ArrayList<>();
        ConfigNode testsNode = root.entries().get("tests");
        if (testsNode != null) {
            List<ConfigNode> items = list(testsNode);
            if (items.isEmpty() && testsNode.kind() != ConfigNode.Kind.MAPPING && !testsNode.isScalar()) {
                problems.add(testsNode.anchor(), testsNode.path(), "no tests; add at least one");
            }
            for (int i = 0; i < items.size(); i++) {
                RuleTest t = test(items.get(i), i);
                if (t != null) {
                    tests.add(t);
                }
            }
        }
        return new RuleTestFile(source, ruleFiles, tests);
    }

    private List<Path> ruleFiles(ConfigNode node) {
        Set<Path> files = new LinkedHashSet<>();
        if (node == null) {
            return List.of();
        }
        List<ConfigNode> items = node.isScalar() ? List.of(node) : list(node);
        for (ConfigNode item : items) {
            String name = text(item);
            if (name == null) {
                continue;
            }
            Path path = dir.resolve(name).normalize();
            String last = path.getFileName() == null ? "" : path.getFileName().toString();
            if (last.contains("*") || last.contains("?") || last.contains("[") || last.contains("{")) {
                List<Path> found = glob(path.getParent() == null ? Path.of("") : path.getParent(), last);
                if (found.isEmpty()) {
                    problems.add(item.origin(), item.path(), "'" + name + "' matches no file (looked in "
                            + (path.getParent() == null ? "." : path.getParent()) + ")");
                }
                files.addAll(found);
            } else if (Files.isDirectory(path)) {
                List<Path> found = dev.redflag.rules.RuleLoader.ruleFiles(path);
                if (found.isEmpty()) {
                    problems.add(item.origin(), item.path(), "no rule files (*.yaml, *.yml) in " + path);
                }
                files.addAll(found);
            } else if (!Files.isRegularFile(path)) {
                problems.add(item.origin(), item.path(), "rule file not found: " + path
                        + " (paths are relative to the test file)");
            } else {
                files.add(path);
            }
        }
        if (items.isEmpty() && (node.kind() == ConfigNode.Kind.LIST || node.kind() == ConfigNode.Kind.NULL)) {
            problems.add(node.anchor(), node.path(), "no rule files; list them, e.g. rule_files: [../rules/web.yaml]");
        }
        return List.copyOf(files);
    }

    private List<Path> glob(Path parent, String pattern) {
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

    private RuleTest test(ConfigNode node, int index) {
        if (!node.isMapping()) {
            problems.add(node.origin(), node.path(), "expected a mapping (a test with name, input and alerts), got "
                    + node.describe());
            return null;
        }
        keys(node, TEST_KEYS, "name");
        Map<String, ConfigNode> e = node.entries();
        String name = e.containsKey("name") ? text(e.get("name")) : null;
        long start = e.containsKey("start") ? instant(e.get("start")) : AlertState.NO_TIME;
        if (!e.containsKey("input") && !e.containsKey("events") && !e.containsKey("events_file")) {
            problems.add(node.origin(), node.path(), "no input; add input (KPI series), events or events_file");
        }
        if (!e.containsKey("alerts") && !e.containsKey("transitions")) {
            problems.add(node.origin(), node.path(), "nothing expected; add alerts (firing at given times) "
                    + "or transitions");
        }
        List<SeriesInput> series = new ArrayList<>();
        if (e.containsKey("input")) {
            List<ConfigNode> items = list(e.get("input"));
            for (ConfigNode item : items) {
                SeriesInput s = series(item, start);
                if (s != null) {
                    series.add(s);
                }
            }
            duplicates(e.get("input"), series);
        }
        List<EventsInput> events = new ArrayList<>();
        if (e.containsKey("events")) {
            EventsInput in = events(e.get("events"), index, start);
            if (in != null) {
                events.add(in);
            }
        }
        if (e.containsKey("events_file")) {
            EventsInput in = eventsFile(e.get("events_file"));
            if (in != null) {
                events.add(in);
            }
        }
        List<AlertCheck> checks = new ArrayList<>();
        if (e.containsKey("alerts")) {
            for (ConfigNode item : list(e.get("alerts"))) {
                AlertCheck c = check(item, start);
                if (c != null) {
                    checks.add(c);
                }
            }
        }
        List<ExpectedTransition> transitions = null;
        if (e.containsKey("transitions")) {
            transitions = new ArrayList<>();
            for (ConfigNode item : list(e.get("transitions"))) {
                ExpectedTransition t = transition(item, start);
                if (t != null) {
                    transitions.add(t);
                }
            }
        }
        return name == null ? null : new RuleTest(name, node.origin(), start, series, events, checks, transitions,
                e.containsKey("transitions") ? e.get("transitions").anchor() : null);
    }

    private SeriesInput series(ConfigNode node, long testStart) {
        if (!node.isMapping()) {
            problems.add(node.origin(), node.path(), "expected a mapping (kpi, dims, start, values), got "
                    + node.describe());
            return null;
        }
        keys(node, INPUT_KEYS, "kpi", "values");
        Map<String, ConfigNode> e = node.entries();
        KpiSpec spec = kpi(e.get("kpi"));
        WindowSpec window = null;
        if (spec != null) {
            window = spec.windows().get(0);
            if (e.containsKey("window")) {
                window = window(spec, e.get("window"));
            }
        }
        SortedMap<String, String> dims = new TreeMap<>();
        if (spec != null) {
            dims = dims(spec, e.get("dims"), node);
        }
        long start = testStart;
        if (e.containsKey("start")) {
            start = time(e.get("start"), testStart);
        } else if (testStart == AlertState.NO_TIME) {
            problems.add(node.origin(), node.path(), "no start; give the start of the first window, e.g. "
                    + "start: 2026-11-02T00:00:00Z (or a start for the whole test)");
        }
        double[] values = numbers(e.get("values"), "values");
        if (spec == null || window == null || dims == null || start == AlertState.NO_TIME || values == null) {
            return null;
        }
        long slide = window.slide().toMillis();
        if (Math.floorMod(start, slide) != 0) {
            ConfigNode at = e.containsKey("start") ? e.get("start") : node;
            problems.add(at.origin(), at.path(), Instant.ofEpochMilli(start) + " is not the start of a "
                    + window.label() + " window (windows start at multiples of " + Durations.format(window.slide())
                    + " since the epoch); use " + Instant.ofEpochMilli(start - Math.floorMod(start, slide)));
            return null;
        }
        boolean ratio = spec.aggregation().isRatio();
        double[] denominators = null;
        if (e.containsKey("denominators")) {
            ConfigNode d = e.get("denominators");
            if (!ratio) {
                problems.add(d.anchor(), d.path(), spec.name() + " is not a ratio KPI and has no denominator; "
                        + "use samples for the number of events behind each value");
                return null;
            }
            denominators = perWindow(d, values, "denominator");
            if (denominators == null) {
                return null;
            }
        } else if (ratio) {
            problems.add(node.origin(), node.path(), spec.name() + " is a ratio KPI: give the denominator behind "
                    + "each value (min_sample and significance tests read it), e.g. denominators: 500 for every "
                    + "window or denominators: \"500x6 80x3\"");
            return null;
        }
        long[] samples = null;
        if (e.containsKey("samples")) {
            double[] s = perWindow(e.get("samples"), values, "sample");
            if (s == null) {
                return null;
            }
            samples = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                if (!Double.isNaN(values[i]) && (s[i] < 0 || s[i] != Math.rint(s[i]))) {
                    problems.add(e.get("samples").origin(), e.get("samples").path(), "window " + (i + 1)
                            + ": a sample is a whole number of events or entities, got " + SeriesInput.tidy(s[i]));
                    return null;
                }
                samples[i] = Double.isNaN(s[i]) ? 0 : (long) s[i];
            }
        }
        return new SeriesInput(spec.name(), window, dims, start, values, denominators, samples, spec.scale());
    }

    /** A per-window companion series: as many items as values (ignored where there is no value), or one for all. */
    private double[] perWindow(ConfigNode node, double[] values, String what) {
        double[] given = numbers(node, what + "s");
        if (given == null) {
            return null;
        }
        double[] out;
        if (given.length == 1) {
            out = new double[values.length];
            Arrays.fill(out, given[0]);
        } else if (given.length == values.length) {
            out = given;
        } else {
            problems.add(node.origin(), node.path(), given.length + " " + what + "s for " + values.length
                    + " values; give one per value, or a single one for every window");
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            if (Double.isNaN(out[i])) {
                problems.add(node.origin(), node.path(), "window " + (i + 1) + " has a value but no " + what
                        + "; write _ in values too, or give a " + what);
                return null;
            }
            if ("denominator".equals(what) && !(out[i] > 0)) {
                problems.add(node.origin(), node.path(), "window " + (i + 1) + ": a denominator must be above 0 "
                        + "(a ratio over 0 has no value: write _ in values), got " + SeriesInput.tidy(out[i]));
                return null;
            }
        }
        return out;
    }

    private double[] numbers(ConfigNode node, String what) {
        if (node == null) {
            return null;
        }
        String text;
        if (node.kind() == ConfigNode.Kind.LIST) {
            List<String> parts = new ArrayList<>();
            for (ConfigNode item : node.items()) {
                if (!item.isScalar()) {
                    problems.add(item.origin(), item.path(), "expected a value, got " + item.describe());
                    return null;
                }
                parts.add(item.text());
            }
            text = String.join(" ", parts);
        } else if (node.isScalar()) {
            text = node.text();
        } else {
            problems.add(node.origin(), node.path(), "expected " + what + " in series notation, e.g. \"0.3x6 0.6 _ 0.3\", got "
                    + node.describe());
            return null;
        }
        try {
            List<Double> values = SeriesNotation.expand(text);
            double[] out = new double[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        } catch (IllegalArgumentException ex) {
            problems.add(node.origin(), node.path(), ex.getMessage());
            return null;
        }
    }

    private KpiSpec kpi(ConfigNode node) {
        String name = node == null ? null : text(node);
        if (name == null) {
            return null;
        }
        if (!catalog.contains(name)) {
            problems.add(node.origin(), node.path(), "unknown KPI '" + name + "'"
                    + Suggestions.closest(name, catalog.specs().keySet(), 3).map(s -> "; did you mean '" + s + "'?")
                    .orElse("; KPIs are " + String.join(", ", catalog.specs().keySet())));
            return null;
        }
        return catalog.spec(name);
    }

    private WindowSpec window(KpiSpec spec, ConfigNode node) {
        String label = text(node);
        if (label == null) {
            return null;
        }
        for (WindowSpec w : spec.windows()) {
            if (w.label().equals(label)) {
                return w;
            }
        }
        try {
            WindowSpec parsed = WindowSpec.parse(label);
            for (WindowSpec w : spec.windows()) {
                if (w.equals(parsed)) {
                    return w;
                }
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the windows there are
        }
        problems.add(node.origin(), node.path(), spec.name() + " has no window '" + label + "'; its windows are "
                + String.join(", ", spec.windows().stream().map(WindowSpec::label).toList()));
        return null;
    }

    private SortedMap<String, String> dims(KpiSpec spec, ConfigNode node, ConfigNode input) {
        SortedMap<String, String> dims = new TreeMap<>();
        if (node == null) {
            problems.add(input.origin(), input.path(), "no dims; " + spec.name() + " is keyed by "
                    + String.join(", ", spec.by()) + ", e.g. dims: {" + example(spec.by()) + "}");
            return null;
        }
        Map<String, String> given = stringMap(node);
        if (given == null) {
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, String> d : given.entrySet()) {
            if (!spec.by().contains(d.getKey())) {
                ConfigNode at = node.entries().get(d.getKey());
                problems.add(at.anchor(), at.path(), spec.name() + " has no dimension '" + d.getKey() + "'"
                        + Suggestions.closest(d.getKey(), spec.by(), 2).map(s -> "; did you mean '" + s + "'?").orElse("")
                        + "; its dimensions are " + String.join(", ", spec.by()));
                ok = false;
            }
        }
        List<String> missing = spec.by().stream().filter(d -> !given.containsKey(d)).toList();
        if (!missing.isEmpty()) {
            problems.add(node.anchor(), node.path(), "missing " + String.join(", ", missing) + "; "
                    + spec.name() + " series are keyed by " + String.join(", ", spec.by()));
            ok = false;
        }
        dims.putAll(given);
        return ok ? dims : null;
    }

    private static String example(List<String> by) {
        return String.join(", ", by.stream().map(d -> d + ": " + (d.equals("tenant") ? "acme" : "x")).toList());
    }

    private EventsInput events(ConfigNode node, int testIndex, long start) {
        List<ConfigNode> items = list(node);
        JsonNode json = document.path("tests").path(testIndex).path("events");
        List<byte[]> lines = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ConfigNode item = items.get(i);
            JsonNode event = json.path(i);
            if (!item.isMapping() || !(event instanceof ObjectNode object)) {
                problems.add(item.origin(), item.path(), "expected an event (a mapping with type, ts, ...), got "
                        + item.describe());
                continue;
            }
            JsonNode ts = object.get("ts");
            if (ts != null && ts.isTextual() && looksLikeDuration(ts.asText())) {
                if (start == AlertState.NO_TIME) {
                    problems.add(item.entries().get("ts").origin(), item.path() + ".ts", "'" + ts.asText()
                            + "' counts from the test's start, which is not given; add start to the test");
                    continue;
                }
                try {
                    object.put("ts", Instant.ofEpochMilli(start + Durations.parse(ts.asText()).toMillis()).toString());
                } catch (IllegalArgumentException ex) {
                    problems.add(item.entries().get("ts").origin(), item.path() + ".ts", ex.getMessage());
                    continue;
                }
            }
            try {
                lines.add(JSON.writeValueAsBytes(object));
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
            places.add(item.origin().toString());
        }
        return lines.isEmpty() ? null : new EventsInput(source, lines, places);
    }

    private static boolean looksLikeDuration(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) && !s.contains("-") && !s.contains(":");
    }

    private EventsInput eventsFile(ConfigNode node) {
        String name = text(node);
        if (name == null) {
            return null;
        }
        Path path = dir.resolve(name).normalize();
        if (!Files.isRegularFile(path)) {
            problems.add(node.origin(), node.path(), "events file not found: " + path
                    + " (paths are relative to the test file)");
            return null;
        }
        byte[] all;
        try {
            all = Files.readAllBytes(path);
        } catch (IOException e) {
            problems.add(node.origin(), node.path(), "cannot read " + path + ": " + e.getMessage());
            return null;
        }
        List<byte[]> lines = new ArrayList<>();
        List<String> places = new ArrayList<>();
        int from = 0;
        int number = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                number++;
                int end = i > from && all[i - 1] == '\r' ? i - 1 : i;
                String line = new String(all, from, end - from, StandardCharsets.UTF_8);
                if (!line.isBlank()) {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                    places.add(path + ":" + number);
                }
                from = i + 1;
            }
        }
        if (lines.isEmpty()) {
            problems.add(node.origin(), node.path(), "no events in " + path);
            return null;
        }
        return new EventsInput(path.toString(), lines, places);
    }

    private AlertCheck check(ConfigNode node, long start) {
        if (!node.isMapping()) {
            problems.add(node.origin(), node.path(), "expected a mapping (at, firing), got " + node.describe());
            return null;
        }
        keys(node, CHECK_KEYS, "at", "firing");
        Map<String, ConfigNode> e = node.entries();
        long at = e.containsKey("at") ? time(e.get("at"), start) : AlertState.NO_TIME;
        String scope = e.containsKey("alert") ? text(e.get("alert")) : null;
        List<ExpectedAlert> expected = new ArrayList<>();
        ConfigNode firing = e.get("firing");
        if (firing != null) {
            if (firing.kind() == ConfigNode.Kind.NULL) {
                problems.add(firing.anchor(), firing.path(), "write firing: [] when nothing may fire");
            }
            for (ConfigNode item : firing.kind() == ConfigNode.Kind.NULL ? List.<ConfigNode>of() : list(firing)) {
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
            problems.add(node.origin(), node.path(), "expected a mapping (alert, labels, annotations), got "
                    + node.describe());
            return null;
        }
        keys(node, EXPECTED_KEYS);
        Map<String, ConfigNode> e = node.entries();
        String alert = e.containsKey("alert") ? text(e.get("alert")) : scope;
        if (!e.containsKey("alert") && scope == null) {
            problems.add(node.origin(), node.path(), "no alert; name the alert (alert: Name)");
            return null;
        }
        if (alert == null) {
            return null;
        }
        if (scope != null && !scope.equals(alert)) {
            problems.add(e.get("alert").origin(), e.get("alert").path(), "this check is limited to " + scope
                    + " (alert: " + scope + " above), so " + alert + " can never be compared here");
            return null;
        }
        Map<String, String> labels = e.containsKey("labels") ? stringMap(e.get("labels")) : Map.of();
        Map<String, String> annotations = e.containsKey("annotations") ? stringMap(e.get("annotations")) : Map.of();
        if (labels == null || annotations == null) {
            return null;
        }
        return new ExpectedAlert(alert, new TreeMap<>(labels), new TreeMap<>(annotations), node.origin());
    }

    private ExpectedTransition transition(ConfigNode node, long start) {
        if (!node.isMapping()) {
            problems.add(node.origin(), node.path(), "expected a mapping (alert, state, at), got " + node.describe());
            return null;
        }
        keys(node, TRANSITION_KEYS, "alert", "state", "at");
        Map<String, ConfigNode> e = node.entries();
        String alert = e.containsKey("alert") ? text(e.get("alert")) : null;
        Transition.Phase phase = null;
        if (e.containsKey("state")) {
            String state = text(e.get("state"));
            if (state != null && STATES.contains(state.toLowerCase(Locale.ROOT))) {
                phase = Transition.Phase.valueOf(state.toUpperCase(Locale.ROOT));
            } else if (state != null) {
                problems.add(e.get("state").origin(), e.get("state").path(), "'" + state + "' is not one of "
                        + String.join(", ", STATES)
                        + Suggestions.closest(state, STATES, 3).map(s -> "; did you mean '" + s + "'?").orElse(""));
            }
        }
        long at = e.containsKey("at") ? time(e.get("at"), start) : AlertState.NO_TIME;
        Map<String, String> labels = e.containsKey("labels") ? stringMap(e.get("labels")) : Map.of();
        if (alert == null || phase == null || at == AlertState.NO_TIME || labels == null) {
            return null;
        }
        return new ExpectedTransition(alert, phase, at, new TreeMap<>(labels), node.origin());
    }

    /** An instant (ISO-8601 with offset) or, when the test has a start, a duration after it. */
    private long time(ConfigNode node, long start) {
        String text = text(node);
        if (text == null) {
            return AlertState.NO_TIME;
        }
        if (looksLikeDuration(text)) {
            if (start == AlertState.NO_TIME) {
                problems.add(node.origin(), node.path(), "'" + text + "' counts from the test's start, which is not "
                        + "given; add start: 2026-11-02T00:00:00Z to the test, or write an instant");
                return AlertState.NO_TIME;
            }
            try {
                return start + Durations.parse(text).toMillis();
            } catch (IllegalArgumentException e) {
                problems.add(node.origin(), node.path(), e.getMessage());
                return AlertState.NO_TIME;
            }
        }
        return instant(node);
    }

    private long instant(ConfigNode node) {
        String text = text(node);
        if (text == null) {
            return AlertState.NO_TIME;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            problems.add(node.origin(), node.path(), "'" + text + "' is not a time; write an ISO-8601 instant "
                    + "with offset, e.g. 2026-11-02T08:00:00Z" + (node.path().endsWith("start") ? ""
                    : ", or a duration after the test's start, e.g. 8h"));
            return AlertState.NO_TIME;
        }
    }

    private Map<String, String> stringMap(ConfigNode node) {
        if (node.kind() == ConfigNode.Kind.NULL) {
            return Map.of();
        }
        if (!node.isMapping()) {
            problems.add(node.origin(), node.path(), "expected a mapping of names to values, e.g. {page: /pricing}, "
                    + "got " + node.describe());
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        boolean ok = true;
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            ConfigNode v = e.getValue();
            if (v.isScalar()) {
                out.put(e.getKey(), v.text());
            } else if (v.kind() == ConfigNode.Kind.NULL) {
                out.put(e.getKey(), "");
            } else {
                problems.add(v.origin(), v.path(), "expected a single value, got " + v.describe());
                ok = false;
            }
        }
        return ok ? out : null;
    }

    /** The same series twice would feed one history two values per window. */
    private void duplicates(ConfigNode input, List<SeriesInput> series) {
        Set<String> seen = new HashSet<>();
        for (SeriesInput s : series) {
            if (!seen.add(s.kpi() + " " + s.window().label() + " " + s.dims())) {
                problems.add(input.anchor(), input.path(), "the series " + s.kpi() + " " + s.dims() + " ("
                        + s.window().label() + ") is given twice; write it once (_ leaves a window without value)");
            }
        }
    }

    private List<ConfigNode> list(ConfigNode node) {
        if (node.kind() == ConfigNode.Kind.LIST) {
            return node.items();
        }
        if (node.kind() != ConfigNode.Kind.NULL) {
            problems.add(node.origin(), node.path(), "expected a list, got " + node.describe());
        }
        return List.of();
    }

    private String text(ConfigNode node) {
        if (node.isScalar() && !node.text().isBlank()) {
            return node.text();
        }
        problems.add(node.isEmpty() ? node.anchor() : node.origin(), node.path(), node.isEmpty() ? "no value"
                : "expected a single value, got " + node.describe());
        return null;
    }

    private void keys(ConfigNode node, List<String> allowed, String... required) {
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problems.add(e.getValue().anchor(), e.getValue().path(), "unknown key '" + e.getKey() + "'"
                        + Suggestions.closest(e.getKey(), allowed, 3).map(s -> "; did you mean '" + s + "'?")
                        .orElse("; keys here are " + String.join(", ", allowed)));
            }
        }
        for (String key : required) {
            if (!node.entries().containsKey(key)) {
                problems.add(node.origin(), node.path(), "required key '" + key + "' is missing");
            }
        }
    }
}
