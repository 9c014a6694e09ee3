package dev.redflag.ruletest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redflag.alert.AlertState;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Durations;
import dev.redflag.yaml.Suggestions;
import dev.redflag.kpi.Aggregation;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.WindowSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what a test feeds the rules: hand-written KPI series ({@code input}) checked against the
 * KPI catalog — known KPI and window, exactly its dimensions, a denominator for ratio KPIs, a
 * start on a window boundary — and raw events ({@code events}, {@code events_file}) kept as the
 * JSON records the job would read from Kafka.
 */
final class InputReader {

    private static final List<String> INPUT_KEYS = List.of("kpi", "window", "dims", "start", "values", "denominators",
            "samples", "squares");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Nodes nodes;
    private final KpiCatalog catalog;
    private final Path dir;
    private final String source;

    /**
     * @param dir    where relative paths of the test file start
     * @param source the test file's name in messages
     */
    InputReader(Nodes nodes, KpiCatalog catalog, Path dir, String source) {
        this.nodes = nodes;
        this.catalog = catalog;
        this.dir = dir;
        this.source = source;
    }

    /** The series of a test's {@code input} list; {@code testStart} is the test's start or NO_TIME. */
    List<SeriesInput> series(ConfigNode input, long testStart) {
        List<SeriesInput> series = new ArrayList<>();
        for (ConfigNode item : nodes.list(input)) {
            SeriesInput s = oneSeries(item, testStart);
            if (s != null) {
                series.add(s);
            }
        }
        Set<String> seen = new HashSet<>();
        for (SeriesInput s : series) {
            if (!seen.add(s.kpi() + " " + s.window().label() + " " + s.dims())) {
                nodes.problems.add(input.anchor(), input.path(), "the series " + s.kpi() + " " + s.dims() + " ("
                        + s.window().label() + ") is given twice; write it once (_ leaves a window without value)");
            }
        }
        return series;
    }

    private SeriesInput oneSeries(ConfigNode node, long testStart) {
        if (!node.isMapping()) {
            nodes.add(node, "expected a mapping (kpi, dims, start, values), got " + node.describe());
            return null;
        }
        nodes.keys(node, INPUT_KEYS, "kpi", "values");
        Map<String, ConfigNode> e = node.entries();
        KpiSpec spec = e.containsKey("kpi") ? kpi(e.get("kpi")) : null;
        WindowSpec window = spec == null ? null
                : e.containsKey("window") ? window(spec, e.get("window")) : spec.windows().get(0);
        SortedMap<String, String> dims = spec == null ? null : dims(spec, e.get("dims"), node);
        long start = testStart;
        if (e.containsKey("start")) {
            start = nodes.time(e.get("start"), testStart);
        } else if (testStart == AlertState.NO_TIME) {
            nodes.add(node, "no start; give the start of the first window, e.g. start: 2026-11-02T00:00:00Z "
                    + "(or a start for the whole test)");
        }
        double[] values = e.containsKey("values") ? numbers(e.get("values"), "values") : null;
        if (spec == null || window == null || dims == null || start == AlertState.NO_TIME || values == null) {
            return null;
        }
        long slide = window.slide().toMillis();
        if (Math.floorMod(start, slide) != 0) {
            ConfigNode at = e.containsKey("start") ? e.get("start") : node;
            nodes.add(at, Instant.ofEpochMilli(start) + " is not the start of a " + window.label() + " window "
                    + "(windows start at multiples of " + Durations.format(window.slide()) + " since the epoch); use "
                    + Instant.ofEpochMilli(start - Math.floorMod(start, slide)));
            return null;
        }
        boolean ratio = spec.aggregation().isRatio();
        double[] denominators = null;
        if (e.containsKey("denominators")) {
            ConfigNode d = e.get("denominators");
            if (!ratio) {
                nodes.problems.add(d.anchor(), d.path(), spec.name() + " is not a ratio KPI and has no denominator; "
                        + "use samples for the number of events behind each value");
                return null;
            }
            denominators = perWindow(d, values, "denominator");
            if (denominators == null) {
                return null;
            }
        } else if (ratio) {
            nodes.add(node, spec.name() + " is a ratio KPI: give the denominator behind each value (min_sample "
                    + "and significance read it), e.g. denominators: 500 for every window, or \"500x6 80x3\"");
            return null;
        }
        long[] samples = null;
        if (e.containsKey("samples")) {
            samples = samples(e.get("samples"), values);
            if (samples == null) {
                return null;
            }
        }
        double[] squares = null;
        if (e.containsKey("squares")) {
            squares = squares(e.get("squares"), spec, values, denominators, samples);
            if (squares == null) {
                return null;
            }
        }
        return new SeriesInput(spec.name(), window, dims, start, values, denominators, samples, squares, spec.scale());
    }

    /**
     * Σa² per window, for KPIs whose events add amounts other than 0 or 1 (NPS, ARPU, revenue):
     * at least A²/n for n events summing to A (Cauchy–Schwarz), so a share written where a sum of
     * squares belongs is caught.
     */
    private double[] squares(ConfigNode node, KpiSpec spec, double[] values, double[] denominators, long[] samples) {
        Aggregation aggregation = spec.aggregation();
        if (aggregation != Aggregation.RATIO && aggregation != Aggregation.SUM) {
            nodes.add(node, spec.name() + " is a " + aggregation.name().toLowerCase(java.util.Locale.ROOT)
                    + " KPI; squares (Σa² of the events) apply to ratio and sum KPIs only");
            return null;
        }
        double[] squares = perWindow(node, values, "square");
        if (squares == null) {
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            double sum = denominators != null ? values[i] / spec.scale() * denominators[i] : values[i];
            double events = denominators != null ? denominators[i] : samples != null ? samples[i] : 1;
            double least = events > 0 ? sum * sum / events : 0;
            if (!(squares[i] >= least * (1 - 1e-9))) {
                nodes.add(node, "window " + (i + 1) + ": Σa² of " + SeriesInput.tidy(events) + " events adding up to "
                        + SeriesInput.tidy(sum) + " is at least " + SeriesInput.tidy(least)
                        + ", got " + SeriesInput.tidy(squares[i]) + " (squares is a sum of squares, not a share)");
                return null;
            }
        }
        return squares;
    }

    private long[] samples(ConfigNode node, double[] values) {
        double[] s = perWindow(node, values, "sample");
        if (s == null) {
            return null;
        }
        long[] samples = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            if (!Double.isNaN(values[i]) && (s[i] < 0 || s[i] != Math.rint(s[i]))) {
                nodes.add(node, "window " + (i + 1) + ": a sample is a whole number of events or entities, got "
                        + SeriesInput.tidy(s[i]));
                return null;
            }
            samples[i] = Double.isNaN(s[i]) ? 0 : (long) s[i];
        }
        return samples;
    }

    /** A companion series: one item per value (ignored where there is no value), or one for every window. */
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
            nodes.add(node, given.length + " " + what + "s for " + values.length + " values; give one per value, "
                    + "or a single one for every window");
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            if (Double.isNaN(out[i])) {
                nodes.add(node, "window " + (i + 1) + " has a value but no " + what + "; write _ in values too, "
                        + "or give a " + what);
                return null;
            }
            if ("denominator".equals(what) && !(out[i] > 0)) {
                nodes.add(node, "window " + (i + 1) + ": a denominator must be above 0 (a ratio over 0 has no "
                        + "value: write _ in values), got " + SeriesInput.tidy(out[i]));
                return null;
            }
        }
        return out;
    }

    /** Series notation as a string (or a YAML list of values, joined). */
    private double[] numbers(ConfigNode node, String what) {
        String text;
        if (node.kind() == ConfigNode.Kind.LIST) {
            List<String> parts = new ArrayList<>();
            for (ConfigNode item : node.items()) {
                if (!item.isScalar()) {
                    nodes.add(item, "expected a value, got " + item.describe());
                    return null;
                }
                parts.add(item.text());
            }
            text = String.join(" ", parts);
        } else if (node.isScalar()) {
            text = node.text();
        } else {
            nodes.add(node, "expected " + what + " in series notation, e.g. \"0.3x6 0.6 _ 0.3\", got "
                    + node.describe());
            return null;
        }
        try {
            return SeriesNotation.expand(text).stream().mapToDouble(Double::doubleValue).toArray();
        } catch (IllegalArgumentException ex) {
            nodes.add(node, ex.getMessage());
            return null;
        }
    }

    private KpiSpec kpi(ConfigNode node) {
        String name = nodes.text(node);
        if (name == null) {
            return null;
        }
        if (!catalog.contains(name)) {
            nodes.add(node, "unknown KPI '" + name + "'"
                    + Suggestions.closest(name, catalog.specs().keySet(), 3).map(s -> "; did you mean '" + s + "'?")
                    .orElse("; KPIs are " + String.join(", ", catalog.specs().keySet())));
            return null;
        }
        return catalog.spec(name);
    }

    private WindowSpec window(KpiSpec spec, ConfigNode node) {
        String label = nodes.text(node);
        if (label == null) {
            return null;
        }
        WindowSpec parsed = null;
        try {
            parsed = WindowSpec.parse(label);
        } catch (IllegalArgumentException ignored) {
            // reported below, with the windows there are
        }
        for (WindowSpec w : spec.windows()) {
            if (w.label().equals(label) || w.equals(parsed)) {
                return w;
            }
        }
        nodes.add(node, spec.name() + " has no window '" + label + "'; its windows are "
                + String.join(", ", spec.windows().stream().map(WindowSpec::label).toList()));
        return null;
    }

    private SortedMap<String, String> dims(KpiSpec spec, ConfigNode node, ConfigNode input) {
        if (node == null) {
            nodes.add(input, "no dims; " + spec.name() + " is keyed by " + String.join(", ", spec.by()) + ", e.g. "
                    + "dims: {" + String.join(", ", spec.by().stream().map(d -> d + ": "
                    + (d.equals("tenant") ? "acme" : "x")).toList()) + "}");
            return null;
        }
        Map<String, String> given = nodes.stringMap(node);
        if (given == null) {
            return null;
        }
        boolean ok = true;
        for (String name : given.keySet()) {
            if (!spec.by().contains(name)) {
                ConfigNode at = node.entries().get(name);
                nodes.problems.add(at.anchor(), at.path(), spec.name() + " has no dimension '" + name + "'"
                        + Suggestions.closest(name, spec.by(), 2).map(s -> "; did you mean '" + s + "'?").orElse("")
                        + "; its dimensions are " + String.join(", ", spec.by()));
                ok = false;
            }
        }
        List<String> missing = spec.by().stream().filter(d -> !given.containsKey(d)).toList();
        if (!missing.isEmpty()) {
            nodes.problems.add(node.anchor(), node.path(), "missing " + String.join(", ", missing) + "; "
                    + spec.name() + " series are keyed by " + String.join(", ", spec.by()));
            ok = false;
        }
        return ok ? new TreeMap<>(given) : null;
    }

    /**
     * A test's {@code events}: {@code json} is the same list as read by Jackson, which keeps the
     * JSON types (numbers, booleans) that the position-keeping tree does not. A {@code ts} written
     * as a duration counts from the test's start.
     */
    EventsInput events(ConfigNode node, JsonNode json, long start) {
        List<ConfigNode> items = nodes.list(node);
        List<byte[]> lines = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ConfigNode item = items.get(i);
            if (!item.isMapping() || !(json.path(i) instanceof ObjectNode event)) {
                nodes.add(item, "expected an event (a mapping with type, ts, ...), got " + item.describe());
                continue;
            }
            JsonNode ts = event.get("ts");
            if (ts != null && ts.isTextual() && Nodes.looksLikeDuration(ts.asText())) {
                long at = nodes.time(item.entries().get("ts"), start);
                if (at == AlertState.NO_TIME) {
                    continue;
                }
                event.put("ts", Instant.ofEpochMilli(at).toString());
            }
            try {
                lines.add(JSON.writeValueAsBytes(event));
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
            places.add(item.origin().toString());
        }
        return lines.isEmpty() ? null : new EventsInput(source, lines, places);
    }

    /** A JSON-lines file of events, relative to the test file; blank lines are skipped. */
    EventsInput eventsFile(ConfigNode node) {
        String name = nodes.text(node);
        if (name == null) {
            return null;
        }
        Path path = dir.resolve(name).normalize();
        if (!Files.isRegularFile(path)) {
            nodes.add(node, "events file not found: " + path + " (paths are relative to the test file)");
            return null;
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            nodes.add(node, "cannot read " + path + ": " + e.getMessage());
            return null;
        }
        List<byte[]> lines = new ArrayList<>();
        List<String> places = new ArrayList<>();
        List<String> all = text.lines().toList();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).isBlank()) {
                lines.add(all.get(i).getBytes(StandardCharsets.UTF_8));
                places.add(path + ":" + (i + 1));
            }
        }
        if (lines.isEmpty()) {
            nodes.add(node, "no events in " + path);
            return null;
        }
        return new EventsInput(path.toString(), lines, places);
    }
}
