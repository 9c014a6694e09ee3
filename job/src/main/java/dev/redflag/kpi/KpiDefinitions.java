package dev.redflag.kpi;

import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Origin;
import dev.redflag.yaml.Problems;
import dev.redflag.yaml.Suggestions;
import dev.redflag.yaml.YamlTree;
import dev.redflag.event.EventType;
import dev.redflag.kpi.EventFields.NumberField;
import dev.redflag.kpi.EventFields.StringField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code alerts-config/kpis.yaml}: overrides of the seed KPIs ({@code by}, {@code windows},
 * {@code enabled}) and user-defined KPIs — count, sum, mean, min, max, last or ratio of filtered
 * events of a type, or a {@code metric} stream by name — so that a new KPI needs no Java. Filters
 * and fields are resolved to accessors here, once. Every problem is reported with
 * file:line:column, all at once.
 */
public final class KpiDefinitions {

    public static final String DEFAULT_FILE = "alerts-config/kpis.yaml";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern DIM = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Set<String> TOP = Set.of("seed", "custom", "currency");
    private static final Set<String> SEED_KEYS = Set.of("by", "windows", "enabled", "slices", "max_slices",
            "examples");
    private static final Set<String> CUSTOM_KEYS = Set.of("name", "description", "kind", "event",
            "where", "field", "numerator", "denominator", "metric", "aggregate", "by", "windows",
            "unit", "scale", "slices", "max_slices", "examples");
    private static final Set<String> RESERVED_EXAMPLE_NAMES = Set.of("id", "at", "age");
    private static final Set<String> EXAMPLE_KEYS = Set.of("id", "when", "show", "max", "ids", "age");
    /** Slice dimensions a KPI may declare: their pairs are reported too, so the count grows as d². */
    static final int MAX_SLICE_DIMENSIONS = 4;
    /** Highest {@code max_slices}: each combination is about 60 bytes of state per open window. */
    static final int MAX_SLICES_LIMIT = 1000;
    private static final Set<String> SIDE_KEYS = Set.of("event", "where", "field");
    private static final List<String> KINDS = List.of("count", "sum", "mean", "min", "max", "last",
            "ratio", "metric");
    private static final List<String> COMPARISONS = List.of("eq", "ne", "gt", "gte", "lt", "lte");

    private final String source;
    private final List<WindowSpec> defaultWindows;
    private final Problems problems = new Problems();
    private final Map<String, ConfigNode> overrides = new LinkedHashMap<>();

    private KpiDefinitions(String source, List<WindowSpec> defaultWindows) {
        this.source = source;
        this.defaultWindows = defaultWindows;
    }

    /**
     * The definitions a rules directory is written against: {@code kpis.yaml} beside it, as in
     * {@code alerts-config/}, when there is one.
     */
    public static Optional<Path> besideRules(Path rules) {
        Path parent = rules.toAbsolutePath().getParent();
        Path file = parent == null ? null : parent.resolve("kpis.yaml");
        return file != null && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    public static KpiCatalog load(Path file, List<WindowSpec> defaultWindows) {
        try {
            return parse(Files.readString(file), file.toString(), defaultWindows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read KPI definitions " + file, e);
        }
    }

    /** @throws ConfigException listing every problem with its position */
    public static KpiCatalog parse(String yaml, String source, List<WindowSpec> defaultWindows) {
        return new KpiDefinitions(source, defaultWindows).read(yaml);
    }

    private KpiCatalog read(String yaml) {
        ConfigNode root = YamlTree.parse(yaml, source, problems);
        problems.throwIfAny();
        Map<String, KpiSpec> specs = new LinkedHashMap<>();
        String currency = "";
        for (KpiSpec seed : BuiltinKpis.all(defaultWindows)) {
            specs.put(seed.name(), seed);
        }
        if (root.isMapping()) {
            unknownKeys(root, TOP);
            ConfigNode seed = root.entries().get("seed");
            if (seed != null && !seed.isEmpty()) {
                readSeedOverrides(seed, specs);
            }
            ConfigNode custom = root.entries().get("custom");
            if (custom != null && !custom.isEmpty()) {
                readCustom(custom, specs);
            }
            currency = currency(root.entries().get("currency"));
        } else if (!root.isEmpty()) {
            problems.add(root.origin(), null, "expected a mapping with 'seed', 'custom' and/or 'currency', got "
                    + root.describe());
        }
        checkFamilies(specs);
        problems.throwIfAny();
        return new KpiCatalog(List.copyOf(specs.values()), currency);
    }

    /** {@code currency: EUR} or {@code currency: "€"}: how {@code unit: currency} reads in alerts. */
    private String currency(ConfigNode node) {
        if (node == null || node.isEmpty()) {
            return "";
        }
        if (!node.isScalar() || node.text().isBlank() || node.text().strip().length() > 8) {
            problems.add(node.origin(), node.path(), "currency is an ISO code such as EUR or a symbol such as €, got "
                    + node.describe());
            return "";
        }
        return node.text().strip();
    }

    private void readSeedOverrides(ConfigNode seed, Map<String, KpiSpec> specs) {
        if (!expectMapping(seed)) {
            return;
        }
        Set<String> seedNames = new HashSet<>(specs.keySet());
        for (Map.Entry<String, ConfigNode> e : seed.entries().entrySet()) {
            ConfigNode node = e.getValue();
            KpiSpec spec = specs.get(e.getKey());
            if (spec == null) {
                problems.add(node.anchor(), node.path(), "not a seed KPI" + suggestion(e.getKey(), seedNames)
                        + "; define new KPIs under 'custom'");
                continue;
            }
            if (!expectMapping(node)) {
                continue;
            }
            overrides.put(spec.name(), node);
            unknownKeys(node, SEED_KEYS);
            ConfigNode enabled = node.entries().get("enabled");
            if (enabled != null && !bool(enabled, true)) {
                specs.remove(spec.name());
                continue;
            }
            List<String> by = node.entries().containsKey("by") ? dims(node.entries().get("by")) : spec.by();
            List<WindowSpec> windows = node.entries().containsKey("windows")
                    ? windows(node.entries().get("windows")) : spec.windows();
            KpiSpec changed = spec.withDimsAndWindows(by, windows, spec.inputs());
            if (!node.entries().containsKey("slices")) {
                // a default slice moved into the series' own dims no longer splits it
                changed = changed.withSlices(spec.slices().stream().filter(d -> !by.contains(d)).toList(),
                        spec.maxSlices());
            }
            specs.put(spec.name(), examples(node, slices(node, changed)));
        }
    }

    private void readCustom(ConfigNode custom, Map<String, KpiSpec> specs) {
        if (custom.kind() != ConfigNode.Kind.LIST) {
            problems.add(custom.anchor(), custom.path(), "expected a list of KPI definitions, got "
                    + custom.describe());
            return;
        }
        for (ConfigNode def : custom.items()) {
            if (!expectMapping(def)) {
                continue;
            }
            KpiSpec spec = readOne(def);
            if (spec == null) {
                continue;
            }
            if (specs.containsKey(spec.name())) {
                ConfigNode name = def.entries().get("name");
                problems.add(name.origin(), name.path(), "KPI '" + spec.name()
                        + "' is already defined; choose another name");
                continue;
            }
            specs.put(spec.name(), spec);
        }
    }

    private KpiSpec readOne(ConfigNode def) {
        unknownKeys(def, CUSTOM_KEYS);
        String name = requiredText(def, "name");
        String kind = requiredText(def, "kind");
        if (name == null || kind == null) {
            return null;
        }
        ConfigNode nameNode = def.entries().get("name");
        if (!NAME.matcher(name).matches()) {
            problems.add(nameNode.origin(), nameNode.path(),
                    "KPI names are lower_snake_case ([a-z][a-z0-9_]*), got '" + name + "'");
            return null;
        }
        ConfigNode kindNode = def.entries().get("kind");
        if (!KINDS.contains(kind)) {
            problems.add(kindNode.origin(), kindNode.path(), "unknown kind '" + kind + "'; use one of "
                    + String.join(", ", KINDS));
            return null;
        }
        List<String> by = def.entries().containsKey("by") ? dims(def.entries().get("by")) : List.of("tenant");
        List<WindowSpec> windows = def.entries().containsKey("windows")
                ? windows(def.entries().get("windows")) : defaultWindows;
        String description = optionalText(def, "description", kind + " of events");
        double scale = def.entries().containsKey("scale") ? number(def.entries().get("scale")) : 1;
        List<KpiInput> inputs = new ArrayList<>();
        Aggregation aggregation;
        String unit;
        switch (kind) {
            case "ratio" -> {
                aggregation = Aggregation.RATIO;
                unit = optionalText(def, "unit", "ratio");
                KpiInput num = side(def, "numerator", true);
                KpiInput den = side(def, "denominator", false);
                if (num == null || den == null) {
                    return null;
                }
                inputs.add(num);
                inputs.add(den);
            }
            case "metric" -> {
                aggregation = aggregate(def);
                unit = optionalText(def, "unit", "value");
                String metric = requiredText(def, "metric");
                if (metric == null) {
                    return null;
                }
                NumberField value = EventFields.number(EventType.METRIC, "value");
                StringField metricName = EventFields.string(EventType.METRIC, "name");
                EventPredicate when = e -> metric.equals(metricName.get(e));
                inputs.add(new KpiInput(EventType.METRIC, when.and(where(def, EventType.METRIC)),
                        value, KpiInput.ONE, value));
            }
            default -> {
                aggregation = Aggregation.valueOf(kind.toUpperCase(Locale.ROOT));
                unit = optionalText(def, "unit", kind.equals("count") ? "count" : "value");
                EventType type = eventType(def);
                if (type == null) {
                    return null;
                }
                NumberField measure = KpiInput.ONE;
                if (!kind.equals("count")) {
                    measure = numberField(def, type);
                    if (measure == null) {
                        return null;
                    }
                }
                inputs.add(new KpiInput(type, where(def, type), measure, KpiInput.ONE, measure));
            }
        }
        return examples(def, slices(def, new KpiSpec(name, description, KpiFamily.WINDOWED, aggregation, scale,
                unit, by, windows, inputs)));
    }

    /**
     * {@code slices: [channel, device]} and {@code max_slices: n} of a seed override or a custom KPI,
     * checked against the events that feed it; the spec unchanged when neither is given.
     */
    private KpiSpec slices(ConfigNode def, KpiSpec spec) {
        ConfigNode slicesNode = def.entries().get("slices");
        ConfigNode maxNode = def.entries().get("max_slices");
        if (slicesNode == null && maxNode == null) {
            return spec;
        }
        List<String> slices = spec.slices();
        if (slicesNode != null) {
            slices = slicesNode.isEmpty() ? List.of() : sliceDimensions(slicesNode, spec);
        }
        int max = spec.maxSlices();
        if (maxNode != null) {
            double n = number(maxNode);
            if (!Double.isNaN(n) && (n != Math.rint(n) || n < 1 || n > MAX_SLICES_LIMIT)) {
                problems.add(maxNode.origin(), maxNode.path(), "expected a whole number from 1 to "
                        + MAX_SLICES_LIMIT + " (combinations of slice values kept per series and window)");
            } else if (!Double.isNaN(n)) {
                max = (int) n;
            }
        }
        return spec.withSlices(slices, max);
    }

    /** The dimensions of a non-empty {@code slices}, those with problems reported and left out. */
    private List<String> sliceDimensions(ConfigNode slicesNode, KpiSpec spec) {
        List<String> named = dims(slicesNode);
        if (!sliceable(spec, slicesNode)) {
            return List.of();
        }
        List<ConfigNode> items = slicesNode.kind() == ConfigNode.Kind.LIST ? slicesNode.items() : List.of(slicesNode);
        List<String> ok = new ArrayList<>();
        for (ConfigNode item : items) {
            if (item.isScalar() && named.contains(item.text()) && !ok.contains(item.text())
                    && sliceDimension(spec, item)) {
                ok.add(item.text());
            }
        }
        if (ok.size() > MAX_SLICE_DIMENSIONS) {
            problems.add(slicesNode.origin(), slicesNode.path(), "at most " + MAX_SLICE_DIMENSIONS
                    + " slice dimensions (their pairs are reported too), got " + ok.size());
            return List.of();
        }
        return ok;
    }

    /** Slices are sums of events' contributions, kept by the windowed KPI operator. */
    private boolean sliceable(KpiSpec spec, ConfigNode node) {
        if (spec.family() != KpiFamily.WINDOWED) {
            problems.add(node.origin(), node.path(), spec.name() + " is computed by the "
                    + (spec.family() == KpiFamily.FUNNEL ? "lead funnel" : "customer ledger")
                    + ", which keeps no slices; slices are for KPIs computed from events in windows");
            return false;
        }
        if (!WindowAccumulator.hasMoments(spec.aggregation())) {
            problems.add(node.origin(), node.path(), "a " + spec.aggregation().name().toLowerCase(Locale.ROOT)
                    + " cannot be split into slices that add up to it; slices are for count, sum, mean and ratio KPIs");
            return false;
        }
        return true;
    }

    /** One slice dimension: a string field or a dim of every event type that feeds the KPI, not one of its series' dims. */
    private boolean sliceDimension(KpiSpec spec, ConfigNode item) {
        String name = item.text();
        if (spec.by().contains(name)) {
            problems.add(item.origin(), item.path(), "'" + name + "' is already in 'by': each series has one "
                    + name + ", so it cannot be split by it");
            return false;
        }
        List<EventType> types = spec.inputs().stream().map(KpiInput::type).distinct().toList();
        for (EventType type : types) {
            if (EventFields.number(type, name) != null) {
                problems.add(item.origin(), item.path(), "'" + name + "' is a numeric field of " + type.wireName()
                        + " events; slice by a string field or a dim");
                return false;
            }
            if (name.endsWith("_id") && EventFields.isNamedString(type, name)) {
                problems.add(item.origin(), item.path(), "'" + name + "' identifies single " + type.wireName()
                        + " events; a slice per ID would only fill the cap");
                return false;
            }
        }
        if (name.startsWith("dims.")) {
            return true;
        }
        List<EventType> named = types.stream().filter(t -> EventFields.isNamedString(t, name)).toList();
        if (!named.isEmpty() && named.size() < types.size()) {
            EventType without = types.stream().filter(t -> !named.contains(t)).findFirst().orElseThrow();
            problems.add(item.origin(), item.path(), "'" + name + "' is a field of " + named.get(0).wireName()
                    + " events but not of " + without.wireName() + " events, which would all fall in "
                    + name + "=" + EventFields.UNKNOWN);
            return false;
        }
        if (named.isEmpty()) {
            List<String> fields = types.stream().flatMap(t -> EventFields.stringFieldNames(t).stream()).distinct()
                    .toList();
            java.util.Optional<String> close = Suggestions.closest(name, fields, 2);
            if (close.isPresent()) {
                problems.add(item.origin(), item.path(), "'" + name + "' is not a field of " + types.get(0).wireName()
                        + " events; did you mean '" + close.get() + "'? (write dims." + name + " for a dim of that name)");
                return false;
            }
        }
        return true;
    }

    /**
     * {@code examples: {id, when, show, max, ids, age}} of a seed override or a custom KPI, or
     * {@code examples: false}. On a seed KPI the keys given replace those of its default examples.
     */
    private KpiSpec examples(ConfigNode def, KpiSpec spec) {
        ConfigNode node = def.entries().get("examples");
        if (node == null) {
            return spec;
        }
        if (node.isScalar() && node.text().equals("false")) {
            return spec.withExamples(ExampleSpec.NONE);
        }
        if (!expectMapping(node)) {
            return spec;
        }
        unknownKeys(node, EXAMPLE_KEYS);
        ExampleSpec seed = spec.examples();
        // the funnel and the ledger keep the examples of the one KPI each whose seed has them
        boolean stateful = spec.family() != KpiFamily.WINDOWED;
        if (stateful && !seed.enabled()) {
            problems.add(node.origin(), node.path(), spec.name() + " is computed by the "
                    + (spec.family() == KpiFamily.FUNNEL ? "lead funnel" : "customer ledger")
                    + ", which keeps no examples for it; examples are for KPIs computed from events in windows,"
                    + " mql_to_sql_rate and churn_rate");
            return spec;
        }
        Map<String, ConfigNode> e = node.entries();
        IdPolicy ids = seed.enabled() ? seed.ids() : IdPolicy.HASH;
        if (e.containsKey("ids")) {
            ids = idPolicy(e.get("ids"));
        }
        String id = e.containsKey("id") ? scalarText(e.get("id")) : seed.enabled() ? seed.id() : null;
        if (id == null && ids != IdPolicy.OMIT) {
            problems.add(node.origin(), node.path(), "examples need 'id', the field that identifies each event"
                    + " (e.g. session_id), unless ids: omit");
            return spec;
        }
        int input = stateful ? seed.input() : exampleInput(spec, id, e.get("id") == null ? node : e.get("id"));
        if (input < 0) {
            return spec;
        }
        EventType type = stateful ? seed.type() : spec.inputs().get(input).type();
        if (id != null && ids != IdPolicy.OMIT && !isExampleField(type, id)) {
            ConfigNode at = e.get("id") == null ? node : e.get("id");
            problems.add(at.origin(), at.path(), "'" + id + "' is not a field of " + type.wireName() + " events");
            return spec;
        }
        EventPredicate when = seed.enabled() && seed.type() == type ? seed.when() : EventPredicate.ALL;
        if (e.containsKey("when")) {
            when = filter(e.get("when"), type);
        }
        List<String> show = seed.enabled() && seed.type() == type
                ? seed.show().stream().map(ExampleSpec.Shown::name).toList() : List.of();
        if (e.containsKey("show")) {
            show = showFields(e.get("show"), type);
        }
        int max = seed.enabled() ? seed.max() : ExampleSpec.DEFAULT_MAX;
        if (e.containsKey("max")) {
            ConfigNode maxNode = e.get("max");
            double n = number(maxNode);
            if (!Double.isNaN(n) && (n != Math.rint(n) || n < 1 || n > ExampleSpec.MAX_LIMIT)) {
                problems.add(maxNode.origin(), maxNode.path(), "expected a whole number from 1 to "
                        + ExampleSpec.MAX_LIMIT + " (examples kept per series, slice and window)");
            } else if (!Double.isNaN(n)) {
                max = (int) n;
            }
        }
        boolean age = e.containsKey("age") ? bool(e.get("age"), false) : seed.enabled() && seed.age();
        return spec.withExamples(ExampleSpec.of(type, input, id == null ? "" : id, when, show, max, ids,
                e.containsKey("ids") || (seed.enabled() && seed.idsDeclared()), age));
    }

    private IdPolicy idPolicy(ConfigNode node) {
        for (IdPolicy p : IdPolicy.values()) {
            if (node.isScalar() && p.wireName().equals(node.text())) {
                return p;
            }
        }
        problems.add(node.origin(), node.path(), "expected hash (a keyed hash of the ID), omit (no ID) or plain"
                + " (the ID itself)");
        return IdPolicy.HASH;
    }

    /**
     * The input whose events are sampled: the denominator's (the population a ratio is taken of)
     * when its events carry {@code id}, else the first whose events do; -1 with a problem when none does.
     */
    private int exampleInput(KpiSpec spec, String id, ConfigNode at) {
        List<KpiInput> inputs = spec.inputs();
        for (int i = inputs.size() - 1; i >= 0; i--) {
            if (id == null || isNamedOrDim(inputs.get(i).type(), id)) {
                return i;
            }
        }
        List<String> types = inputs.stream().map(in -> in.type().wireName()).distinct().toList();
        List<String> fields = inputs.stream().flatMap(in -> EventFields.stringFieldNames(in.type()).stream())
                .filter(f -> f.endsWith("_id")).distinct().toList();
        problems.add(at.origin(), at.path(), "'" + id + "' is not a field of " + String.join(" or ", types)
                + " events" + (fields.isEmpty() ? "; write dims.NAME for an ID in the events' dims"
                : "; IDs there: " + String.join(", ", fields)));
        return -1;
    }

    private static boolean isNamedOrDim(EventType type, String name) {
        return name.startsWith("dims.") || EventFields.isNamedString(type, name);
    }

    private boolean isExampleField(EventType type, String name) {
        return isNamedOrDim(type, name);
    }

    /** {@code show: [plan, mrr, dims.device]}: string fields, numeric fields or dims of {@code type} events. */
    private List<String> showFields(ConfigNode node, EventType type) {
        List<String> out = new ArrayList<>();
        for (String name : dims(node)) {
            if (RESERVED_EXAMPLE_NAMES.contains(name)) {
                problems.add(node.origin(), node.path(), "'" + name + "' names what every example shows already"
                        + " (id, at, age); write dims." + name + " for a dim of that name");
                continue;
            }
            if (isNamedOrDim(type, name) || EventFields.number(type, name) != null) {
                out.add(name);
                continue;
            }
            List<String> known = new ArrayList<>(EventFields.stringFieldNames(type));
            known.addAll(EventFields.numberFieldNames(type));
            Optional<String> close = Suggestions.closest(name, known, 2);
            if (close.isPresent()) {
                problems.add(node.origin(), node.path(), "'" + name + "' is not a field of " + type.wireName()
                        + " events; did you mean '" + close.get() + "'? (write dims." + name + " for a dim of that name)");
            } else {
                out.add(name); // a free dim, as in 'by' and 'slices'
            }
        }
        return out;
    }

    private String scalarText(ConfigNode node) {
        if (!node.isScalar() || node.text().isBlank()) {
            problems.add(node.origin(), node.path(), "expected a field name, got " + node.describe());
            return null;
        }
        return node.text();
    }

    /** One side of a ratio: count (or sum of {@code field}) of filtered events of a type. */
    private KpiInput side(ConfigNode def, String key, boolean numerator) {
        ConfigNode side = def.entries().get(key);
        if (side == null) {
            problems.add(def.anchor(), def.path() + "." + key, "a ratio needs '" + key
                    + "', e.g. " + key + ": {event: email, where: {action: open}}");
            return null;
        }
        if (!expectMapping(side)) {
            return null;
        }
        unknownKeys(side, SIDE_KEYS);
        EventType type = eventType(side);
        if (type == null) {
            return null;
        }
        NumberField measure = KpiInput.ONE;
        if (side.entries().containsKey("field")) {
            measure = numberField(side, type);
            if (measure == null) {
                return null;
            }
        }
        EventPredicate when = where(side, type);
        return numerator ? KpiInput.numerator(type, when, measure) : KpiInput.denominator(type, when, measure);
    }

    private Aggregation aggregate(ConfigNode def) {
        ConfigNode node = def.entries().get("aggregate");
        if (node == null) {
            return Aggregation.MEAN;
        }
        List<String> allowed = List.of("mean", "sum", "min", "max", "last");
        if (!node.isScalar() || !allowed.contains(node.text())) {
            problems.add(node.origin(), node.path(), "use one of " + String.join(", ", allowed));
            return Aggregation.MEAN;
        }
        return Aggregation.valueOf(node.text().toUpperCase(Locale.ROOT));
    }

    private EventType eventType(ConfigNode def) {
        String name = requiredText(def, "event");
        if (name == null) {
            return null;
        }
        EventType type = EventType.fromWireName(name);
        if (type == null) {
            ConfigNode node = def.entries().get("event");
            List<String> names = Arrays.stream(EventType.values()).map(EventType::wireName).toList();
            problems.add(node.origin(), node.path(), "unknown event type '" + name + "'"
                    + suggestion(name, names) + "; types are " + String.join(", ", names));
        }
        return type;
    }

    private NumberField numberField(ConfigNode def, EventType type) {
        String field = requiredText(def, "field");
        if (field == null) {
            return null;
        }
        NumberField accessor = EventFields.number(type, field);
        if (accessor == null) {
            ConfigNode node = def.entries().get("field");
            List<String> names = EventFields.numberFieldNames(type);
            problems.add(node.origin(), node.path(), "'" + field + "' is not a numeric field of "
                    + type.wireName() + " events" + (names.isEmpty() ? " (they have none; use kind: count)"
                    : "; use one of " + String.join(", ", names)));
        }
        return accessor;
    }

    /** {@code where: {field: value | [values] | {not: ...} | {gte: n, ...}}}, all must hold. */
    private EventPredicate where(ConfigNode def, EventType type) {
        return filter(def.entries().get("where"), type);
    }

    /** The body of a {@code where} (or of examples' {@code when}). */
    private EventPredicate filter(ConfigNode where, EventType type) {
        if (where == null || where.isEmpty()) {
            return EventPredicate.ALL;
        }
        if (!expectMapping(where)) {
            return EventPredicate.ALL;
        }
        EventPredicate all = EventPredicate.ALL;
        for (Map.Entry<String, ConfigNode> e : where.entries().entrySet()) {
            EventPredicate p = condition(type, e.getKey(), e.getValue());
            if (p != null) {
                all = all.and(p);
            }
        }
        return all;
    }

    private EventPredicate condition(EventType type, String field, ConfigNode value) {
        NumberField number = EventFields.number(type, field);
        if (number != null) {
            return numericCondition(number, value);
        }
        if (!DIM.matcher(field).matches()) {
            problems.add(value.anchor(), value.path(), "not a field name");
            return null;
        }
        StringField string = EventFields.string(type, field);
        if (value.isMapping()) {
            ConfigNode not = value.entries().get("not");
            if (not == null || value.entries().size() != 1) {
                problems.add(value.origin(), value.path(), "expected a value, a list of values or {not: ...}");
                return null;
            }
            Set<String> excluded = texts(not);
            return excluded == null ? null : e -> !excluded.contains(string.get(e));
        }
        Set<String> allowed = texts(value);
        if (allowed == null) {
            return null;
        }
        if (allowed.size() == 1) {
            String only = allowed.iterator().next();
            return e -> only.equals(string.get(e));
        }
        return e -> allowed.contains(string.get(e));
    }

    private EventPredicate numericCondition(NumberField number, ConfigNode value) {
        if (value.isScalar()) {
            double expected = number(value);
            return e -> number.get(e) == expected;
        }
        if (!value.isMapping()) {
            problems.add(value.origin(), value.path(), "expected a number or {gte: n, lt: m, ...}");
            return null;
        }
        EventPredicate all = EventPredicate.ALL;
        for (Map.Entry<String, ConfigNode> c : value.entries().entrySet()) {
            double bound = number(c.getValue());
            EventPredicate p = switch (c.getKey()) {
                case "eq" -> e -> number.get(e) == bound;
                case "ne" -> e -> number.get(e) != bound;
                case "gt" -> e -> number.get(e) > bound;
                case "gte" -> e -> number.get(e) >= bound;
                case "lt" -> e -> number.get(e) < bound;
                case "lte" -> e -> number.get(e) <= bound;
                default -> {
                    problems.add(c.getValue().anchor(), c.getValue().path(), "unknown comparison '"
                            + c.getKey() + "'; use " + String.join(", ", COMPARISONS));
                    yield null;
                }
            };
            if (p != null) {
                all = all.and(p);
            }
        }
        return all;
    }

    private Set<String> texts(ConfigNode node) {
        Set<String> out = new HashSet<>();
        List<ConfigNode> items = node.kind() == ConfigNode.Kind.LIST ? node.items() : List.of(node);
        for (ConfigNode item : items) {
            if (!item.isScalar()) {
                problems.add(item.origin(), item.path(), "expected a single value, got " + item.describe());
                return null;
            }
            out.add(item.text());
        }
        return out;
    }

    private List<String> dims(ConfigNode node) {
        List<String> out = new ArrayList<>();
        List<ConfigNode> items = node.kind() == ConfigNode.Kind.LIST ? node.items() : List.of(node);
        for (ConfigNode item : items) {
            if (!item.isScalar() || !DIM.matcher(item.text()).matches()) {
                problems.add(item.origin(), item.path(), "expected a dimension name like page or dims.region");
            } else if (out.contains(item.text())) {
                problems.add(item.origin(), item.path(), "dimension '" + item.text() + "' is listed twice");
            } else {
                out.add(item.text());
            }
        }
        return out;
    }

    private List<WindowSpec> windows(ConfigNode node) {
        List<WindowSpec> out = new ArrayList<>();
        List<ConfigNode> items = node.kind() == ConfigNode.Kind.LIST ? node.items() : List.of(node);
        if (items.isEmpty()) {
            problems.add(node.origin(), node.path(), "give at least one window, e.g. [1h]");
        }
        for (ConfigNode item : items) {
            try {
                if (item.isScalar()) {
                    out.add(WindowSpec.parse(item.text()));
                } else if (item.isMapping() && item.entries().containsKey("size")) {
                    ConfigNode size = item.entries().get("size");
                    ConfigNode slide = item.entries().get("slide");
                    out.add(WindowSpec.parse(slide == null ? size.text() : size.text() + "/" + slide.text()));
                } else {
                    problems.add(item.origin(), item.path(), "expected a window like 1h, 1d/1h or {size: 1d, slide: 1h}");
                }
            } catch (IllegalArgumentException e) {
                problems.add(item.origin(), item.path(), e.getMessage());
            }
        }
        return out;
    }

    private void checkFamilies(Map<String, KpiSpec> specs) {
        sameShape(specs, KpiFamily.FUNNEL, false);
        sameShape(specs, KpiFamily.CUSTOMER, true);
    }

    /** The funnel and the ledger each compute their KPIs in one keyed operator. */
    private void sameShape(Map<String, KpiSpec> specs, KpiFamily family, boolean sameWindows) {
        List<KpiSpec> members = specs.values().stream().filter(s -> s.family() == family).toList();
        boolean uniform = members.stream().allMatch(s -> s.by().equals(members.get(0).by())
                && (!sameWindows || s.windows().equals(members.get(0).windows())));
        if (uniform) {
            return;
        }
        List<String> names = members.stream().map(KpiSpec::name).toList();
        for (KpiSpec s : members) {
            ConfigNode node = overrides.get(s.name());
            if (node != null) {
                problems.add(node.anchor(), node.path(), "the " + family.name().toLowerCase(Locale.ROOT)
                        + " KPIs " + String.join(", ", names) + " are computed by one operator, so "
                        + (sameWindows ? "'by' and 'windows' must" : "'by' must")
                        + " be the same on all of them; set the same values on each");
            }
        }
    }

    private boolean expectMapping(ConfigNode node) {
        if (node.isMapping()) {
            return true;
        }
        problems.add(node.origin(), node.path(), "expected a mapping, got " + node.describe());
        return false;
    }

    private void unknownKeys(ConfigNode node, Set<String> known) {
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.add(e.getValue().anchor(), e.getValue().path(), "unknown key '" + e.getKey() + "'"
                        + suggestion(e.getKey(), known));
            }
        }
    }

    private String requiredText(ConfigNode def, String key) {
        ConfigNode node = def.entries().get(key);
        if (node == null || node.isEmpty()) {
            problems.add(node == null ? def.anchor() : node.origin(), def.path().isEmpty() ? key
                    : def.path() + "." + key, "required key '" + key + "' is missing");
            return null;
        }
        if (!node.isScalar()) {
            problems.add(node.origin(), node.path(), "expected a single value, got " + node.describe());
            return null;
        }
        return node.text();
    }

    private String optionalText(ConfigNode def, String key, String fallback) {
        ConfigNode node = def.entries().get(key);
        return node == null || !node.isScalar() ? fallback : node.text();
    }

    private double number(ConfigNode node) {
        if (node.isScalar()) {
            try {
                return Double.parseDouble(node.text());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        problems.add(node.origin(), node.path(), "expected a number");
        return Double.NaN;
    }

    private boolean bool(ConfigNode node, boolean fallback) {
        if (node.isScalar() && (node.text().equals("true") || node.text().equals("false"))) {
            return Boolean.parseBoolean(node.text());
        }
        problems.add(node.origin(), node.path(), "expected true or false");
        return fallback;
    }

    private static String suggestion(String word, java.util.Collection<String> candidates) {
        return Suggestions.closest(word, candidates, 3).map(s -> "; did you mean '" + s + "'?").orElse("");
    }
}
