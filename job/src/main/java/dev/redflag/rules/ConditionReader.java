package dev.redflag.rules;

import dev.redflag.yaml.ConfigNode;
import dev.redflag.kpi.Aggregation;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.rules.Condition.AnomalyMethod;
import dev.redflag.rules.Condition.Baseline;
import dev.redflag.rules.Condition.Direction;
import dev.redflag.rules.Condition.Season;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@code when:} or {@code resolve_when:} block into a {@link Condition}, checking what
 * the schema cannot: exactly one kind per condition, options that belong to that kind, required
 * options and defaults, and what the rule's KPI allows (significance needs a ratio, a count never
 * reads 0 so it cannot stall).
 */
final class ConditionReader {

    /** Each condition kind with the options it takes. */
    static final Map<String, List<String>> KINDS = kinds();

    private static final String THRESHOLD_ONLY = "resolve_when takes thresholds only ({above: x}, {below: x}, "
            + "or all:/any: of them): it decides on the latest value alone, while %s needs history "
            + "it cannot mirror; write the level at which the alert may resolve, e.g. {below: 0.5}";

    private final RuleValues values;
    private final KpiSpec kpi;
    private final boolean autoWindow;
    private final SliceDimensions sliceDimensions;

    /**
     * @param kpi        the rule's KPI, or null when it is unknown (its checks are then skipped)
     * @param autoWindow the rule says {@code window: auto}: shifts and stalls pool resolutions
     */
    ConditionReader(RuleValues values, KpiSpec kpi, boolean autoWindow) {
        this(values, kpi, autoWindow, KpiSpec::slices);
    }

    /** @param sliceDimensions what each KPI may be sliced by, for a shift's {@code slices:} */
    ConditionReader(RuleValues values, KpiSpec kpi, boolean autoWindow, SliceDimensions sliceDimensions) {
        this.values = values;
        this.kpi = kpi;
        this.autoWindow = autoWindow;
        this.sliceDimensions = sliceDimensions;
    }

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> k = new LinkedHashMap<>();
        k.put("above", List.of());
        k.put("below", List.of());
        k.put("change", List.of("percent", "absolute", "baseline", "windows"));
        k.put("trend", List.of("windows", "slope"));
        k.put("stall", List.of("min_denominator", "windows", "sensitivity"));
        k.put("absent", List.of("scope"));
        k.put("anomaly", List.of("windows", "sensitivity", "direction", "season"));
        k.put("significance", List.of("confidence", "baseline", "windows"));
        k.put("shift", List.of("percent", "absolute", "sensitivity", "slices"));
        k.put("all", List.of());
        k.put("any", List.of());
        return k;
    }

    private static boolean isOption(String key) {
        return KINDS.values().stream().anyMatch(options -> options.contains(key));
    }

    private static boolean isKnown(String key) {
        return KINDS.containsKey(key) || isOption(key);
    }

    /**
     * Whether a misspelt key of the condition is close to one of {@code expected}: the schema
     * already said "unknown key 'precent'; did you mean 'percent'?", so "percent is missing" would
     * only repeat it.
     */
    private static boolean misspelt(ConfigNode node, List<String> expected) {
        return node.entries().keySet().stream()
                .anyMatch(k -> !isKnown(k) && Hints.closest(k, expected).isPresent());
    }

    /**
     * @param thresholdsOnly true for {@code resolve_when}, which accepts thresholds and all/any of them
     * @return the condition, or null after a problem was reported (by the schema or here)
     */
    Condition read(ConfigNode node, boolean thresholdsOnly) {
        if (!node.isMapping()) {
            values.shape(node, "expected a condition such as {above: 0.5}, got " + node.describe());
            return null;
        }
        List<String> kinds = node.entries().keySet().stream().filter(KINDS::containsKey).toList();
        if (kinds.isEmpty()) {
            if (!misspelt(node, List.copyOf(KINDS.keySet()))
                    && node.entries().keySet().stream().anyMatch(ConditionReader::isOption)) {
                values.add(node.anchor(), node.path(), "no condition kind; write one of "
                        + String.join(", ", KINDS.keySet()));
            } else {
                values.shape(node, "no condition kind; write one of " + String.join(", ", KINDS.keySet()));
            }
            return null;
        }
        String kind = kinds.get(0);
        if (kinds.size() > 1) {
            for (String second : kinds.subList(1, kinds.size())) {
                ConfigNode n = node.entries().get(second);
                values.add(n.anchor(), n.path(), "'" + second + "' is a second condition kind next to '" + kind
                        + "'; put each in its own condition under all: [...] or any: [...]");
            }
            return null;
        }
        boolean optionsFit = true;
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            String key = e.getKey();
            if (key.equals(kind) || KINDS.get(kind).contains(key) || !isOption(key)) {
                continue; // the kind itself, one of its options, or unknown (the schema says so)
            }
            List<String> options = KINDS.get(kind);
            values.add(e.getValue().anchor(), e.getValue().path(), "'" + key + "' does not apply to " + kind + "; "
                    + (options.isEmpty() ? kind + " takes no options" : kind + " takes " + String.join(", ", options)));
            optionsFit = false;
        }
        ConfigNode kindNode = node.entries().get(kind);
        if (thresholdsOnly && !List.of("above", "below", "all", "any").contains(kind)) {
            values.add(kindNode.anchor(), kindNode.path(), String.format(Locale.ROOT, THRESHOLD_ONLY, kind));
            return null;
        }
        Condition c = switch (kind) {
            case "above", "below" -> threshold(kind, kindNode);
            case "change" -> change(node, kindNode);
            case "trend" -> trend(node, kindNode);
            case "stall" -> stall(node, kindNode);
            case "absent" -> absent(node, kindNode);
            case "anomaly" -> anomaly(node, kindNode);
            case "significance" -> significance(node, kindNode);
            case "shift" -> shift(node, kindNode);
            default -> group(kind, kindNode, thresholdsOnly);
        };
        return optionsFit ? c : null;
    }

    private Condition threshold(String kind, ConfigNode value) {
        Double v = values.number(value);
        return v == null ? null : new Condition.Threshold(kind.equals("above") ? Direction.UP : Direction.DOWN, v);
    }

    private Condition change(ConfigNode node, ConfigNode kindNode) {
        Direction direction = word(kindNode, "rise", "drop");
        double[] amount = amount(node, kindNode, "a change needs percent: N (of the baseline) "
                + "or absolute: X (in the KPI's unit)");
        Baseline baseline = baseline(node);
        if (direction == null || amount == null || baseline == null) {
            return null;
        }
        return new Condition.Change(direction, amount[0], amount[1], baseline);
    }

    /**
     * {@code percent} or {@code absolute}, exactly one: {percent, NaN} or {NaN, absolute}; null
     * after a problem was reported ({@code missing} when neither is given).
     */
    private double[] amount(ConfigNode node, ConfigNode kindNode, String missing) {
        ConfigNode percentNode = node.entries().get("percent");
        ConfigNode absoluteNode = node.entries().get("absolute");
        if (percentNode != null && absoluteNode != null) {
            values.add(absoluteNode.anchor(), absoluteNode.path(), "give percent or absolute, not both");
            return null;
        }
        if (percentNode == null && absoluteNode == null) {
            if (!misspelt(node, List.of("percent", "absolute"))) {
                values.add(kindNode.anchor(), node.path(), missing);
            }
            return null;
        }
        Double amount = values.number(percentNode != null ? percentNode : absoluteNode);
        if (amount == null) {
            return null;
        }
        return percentNode != null ? new double[] {amount, Double.NaN} : new double[] {Double.NaN, amount};
    }

    private Condition trend(ConfigNode node, ConfigNode kindNode) {
        Direction direction = word(kindNode, "rising", "falling");
        ConfigNode windowsNode = node.entries().get("windows");
        ConfigNode slopeNode = node.entries().get("slope");
        if (windowsNode == null && !misspelt(node, List.of("windows"))) {
            values.add(kindNode.anchor(), node.path() + ".windows",
                    "a trend needs windows: N, how many windows to fit the slope over (at least 2)");
        }
        if (slopeNode == null && !misspelt(node, List.of("slope"))) {
            values.add(kindNode.anchor(), node.path() + ".slope",
                    "a trend needs slope: X, the least change per window that counts (a positive number)");
        }
        if (windowsNode == null || slopeNode == null) {
            return null;
        }
        Integer windows = atLeastTwo(windowsNode, "a trend needs at least 2 windows to fit a slope");
        Double slope = values.number(slopeNode);
        if (direction == null || windows == null || slope == null) {
            return null;
        }
        return new Condition.Trend(direction, windows, slope);
    }

    private Condition stall(ConfigNode node, ConfigNode kindNode) {
        if (!"true".equals(values.text(kindNode))) {
            values.shape(kindNode, "write stall: true");
            return null;
        }
        if (autoWindow) {
            return statisticalStall(node, kindNode);
        }
        ConfigNode sensitivityNode = node.entries().get("sensitivity");
        if (sensitivityNode != null) {
            values.add(sensitivityNode.anchor(), sensitivityNode.path(), "sensitivity applies to a stall with "
                    + "window: auto, which judges how improbable the stall is; a stall on a named window uses "
                    + "min_denominator and windows");
            return null;
        }
        ConfigNode minNode = node.entries().get("min_denominator");
        Double min = minNode == null ? Double.valueOf(1) : values.number(minNode);
        Integer windows = optionalInteger(node, "windows", 1);
        if (kpi != null && !kpi.aggregation().isRatio()) {
            if (kpi.aggregation() == Aggregation.COUNT) {
                values.add(kindNode.anchor(), kindNode.path(), "KPI '" + kpi.name() + "' is a count, which "
                        + "reports nothing for a window without events, so it never reads 0 and cannot stall; "
                        + "use {absent: <duration>} to alert when its events stop");
                return null;
            }
            if (minNode != null) {
                values.add(minNode.anchor(), minNode.path(), "min_denominator applies to ratio KPIs; KPI '"
                        + kpi.name() + "' is a " + aggregation() + ", so a stall means its value stays 0");
                return null;
            }
        }
        if (min == null || windows == null) {
            return null;
        }
        return new Condition.Stall(min, windows);
    }

    /**
     * {@code stall: true} with {@code window: auto}: the numerator is 0 over a stretch where the
     * series' own history makes that improbable; no fixed floor or window count.
     */
    private Condition statisticalStall(ConfigNode node, ConfigNode kindNode) {
        for (String fixed : List.of("min_denominator", "windows")) {
            ConfigNode n = node.entries().get(fixed);
            if (n != null) {
                values.add(n.anchor(), n.path(), fixed + " does not apply with window: auto, which judges a stall "
                        + "by how improbable no numerator is given the denominators and the series' history; "
                        + "remove it, or name a window to use fixed floors");
                return null;
            }
        }
        if (kpi != null && !kpi.aggregation().isRatio()) {
            values.add(kindNode.anchor(), kindNode.path(), "a stall with window: auto needs a ratio KPI "
                    + "(numerator / denominator); KPI '" + kpi.name() + "' is a " + aggregation()
                    + "; use {shift: drop, percent: 100} or {absent: <duration>}");
            return null;
        }
        Double sensitivity = sensitivity(node);
        if (sensitivity == null) {
            return null;
        }
        return new Condition.Shift(Direction.DOWN, 100, Double.NaN, sensitivity, true, true, signed(kpi), null);
    }

    /** {@code shift: rise|drop} with percent or absolute and an optional sensitivity. */
    private Condition shift(ConfigNode node, ConfigNode kindNode) {
        Direction direction = word(kindNode, "rise", "drop");
        if (kpi != null && !varies(kpi)) {
            values.add(kindNode.anchor(), kindNode.path(), "shift needs a KPI whose variation is known from its "
                    + "events (a ratio, count or sum); KPI '" + kpi.name() + "' is a " + aggregation()
                    + "; use anomaly instead");
            return null;
        }
        double[] amount = amount(node, kindNode, "a shift needs its smallest change that matters: percent: N "
                + "(of the baseline) or absolute: X (in the KPI's unit)");
        Double sensitivity = sensitivity(node);
        List<List<String>> slices = slices(node.entries().get("slices"));
        if (direction == null || amount == null || sensitivity == null || slices == null) {
            return null;
        }
        return new Condition.Shift(direction, amount[0], amount[1], sensitivity, autoWindow, false, signed(kpi), null,
                slices);
    }

    /**
     * {@code slices: [channel, device, [channel, device]]}: dimensions, and pairs of them as lists of
     * two, each the KPI declares and none twice; empty without the key, null after a problem.
     */
    private List<List<String>> slices(ConfigNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.kind() != ConfigNode.Kind.LIST || node.items().isEmpty()) {
            values.shape(node, "expected a list of dimensions and pairs of them, e.g. [channel, device, "
                    + "[channel, device]], got " + node.describe());
            return null;
        }
        List<String> declared = kpi == null ? null : sliceDimensions.of(kpi);
        List<List<String>> out = new ArrayList<>();
        Map<java.util.Set<String>, ConfigNode> seen = new java.util.HashMap<>();
        boolean ok = true;
        for (ConfigNode item : node.items()) {
            List<String> dims = sliceItem(item, declared);
            if (dims == null) {
                ok = false;
                continue;
            }
            ConfigNode first = seen.putIfAbsent(java.util.Set.copyOf(dims), item);
            if (first != null) {
                values.add(item, "'" + String.join(", ", dims) + "' is listed twice (first at line "
                        + first.origin().line() + ")");
                ok = false;
                continue;
            }
            out.add(dims);
        }
        return ok ? out : null;
    }

    /** One entry of {@code slices:}: a dimension, or a pair as a list of two; null after a problem. */
    private List<String> sliceItem(ConfigNode item, List<String> declared) {
        List<ConfigNode> names = item.kind() == ConfigNode.Kind.LIST ? item.items() : List.of(item);
        if (item.kind() == ConfigNode.Kind.LIST && names.size() != 2) {
            values.add(item, "a pair of dimensions is a list of two, e.g. [channel, device], got "
                    + names.size());
            return null;
        }
        List<String> dims = new ArrayList<>();
        for (ConfigNode n : names) {
            String name = values.text(n);
            if (name == null) {
                return null;
            }
            if (declared != null && !declared.contains(name)) {
                values.add(n, declared.isEmpty()
                        ? "KPI '" + kpi.name() + "' declares no dimensions to slice by, so it has no slice '" + name
                        + "'; declare them in its KPI definition"
                        : "KPI '" + kpi.name() + "' is not sliced by '" + name + "'" + Hints.didYouMean(name, declared)
                        + "; it is sliced by " + String.join(", ", declared));
                return null;
            }
            dims.add(name);
        }
        if (dims.size() == 2 && dims.get(0).equals(dims.get(1))) {
            values.add(item, "a pair needs two different dimensions, got [" + dims.get(0) + ", " + dims.get(1) + "]");
            return null;
        }
        return dims;
    }

    /** A shift's or statistical stall's sensitivity, 5 when absent; null after a problem. */
    private Double sensitivity(ConfigNode node) {
        ConfigNode sensitivityNode = node.entries().get("sensitivity");
        // the schema holds it within 1..10
        return sensitivityNode == null ? Double.valueOf(5) : values.number(sensitivityNode);
    }

    /**
     * KPIs whose events add negative amounts to the numerator: NPS (detractors count −1) and NGR/bets
     * (wins and bonuses subtract). Their sums are no counts, so a Poisson tail would misjudge them.
     */
    private static boolean signed(KpiSpec kpi) {
        return kpi != null && ("points".equals(kpi.unit()) || "ngr_to_bets".equals(kpi.name()));
    }

    /** KPIs whose events say how much a value varies: ratios (windowed, ledger, funnel), counts and sums. */
    private static boolean varies(KpiSpec kpi) {
        return switch (kpi.aggregation()) {
            case RATIO, COUNT, SUM -> true;
            default -> false;
        };
    }

    private Condition absent(ConfigNode node, ConfigNode kindNode) {
        Duration duration = values.duration(kindNode);
        if (duration != null && duration.isZero()) {
            values.add(kindNode, "must be longer than 0s, e.g. 2h");
            return null;
        }
        ConfigNode scopeNode = node.entries().get("scope");
        Boolean wholeStream = Boolean.FALSE;
        if (scopeNode != null) {
            Direction d = word(scopeNode, "kpi", "series");
            wholeStream = d == null ? null : d == Direction.UP;
        }
        if (duration == null || wholeStream == null) {
            return null;
        }
        return new Condition.Absent(duration, wholeStream);
    }

    private Condition anomaly(ConfigNode node, ConfigNode kindNode) {
        String methodText = values.text(kindNode);
        AnomalyMethod method = switch (methodText == null ? "" : methodText) {
            case "robust_z" -> AnomalyMethod.ROBUST_Z;
            case "ewma" -> AnomalyMethod.EWMA;
            case "range" -> AnomalyMethod.RANGE;
            default -> null;
        };
        if (method == null) {
            values.shape(kindNode, "use robust_z, ewma or range");
        }
        ConfigNode windowsNode = node.entries().get("windows");
        Integer windows = windowsNode == null ? Integer.valueOf(48)
                : atLeastTwo(windowsNode, "an anomaly needs at least 2 trailing windows to learn from");
        ConfigNode sensitivityNode = node.entries().get("sensitivity");
        Double sensitivity = sensitivityNode == null ? Double.valueOf(5) : values.number(sensitivityNode);
        ConfigNode directionNode = node.entries().get("direction");
        Direction direction = null;
        boolean directionOk = true;
        if (directionNode != null && !"both".equals(directionNode.text())) {
            direction = word(directionNode, "up", "down");
            directionOk = direction != null;
        }
        ConfigNode seasonNode = node.entries().get("season");
        Season season = null;
        boolean seasonOk = true;
        if (seasonNode != null) {
            Direction d = word(seasonNode, "day", "week");
            season = d == null ? null : d == Direction.UP ? Season.DAY : Season.WEEK;
            seasonOk = season != null;
        }
        if (method == null || windows == null || sensitivity == null || !directionOk || !seasonOk) {
            return null;
        }
        return new Condition.Anomaly(method, windows, sensitivity, direction, season);
    }

    private Condition significance(ConfigNode node, ConfigNode kindNode) {
        Direction direction = word(kindNode, "rise", "drop");
        if (kpi != null && !kpi.aggregation().isRatio()) {
            values.add(kindNode.anchor(), kindNode.path(), "significance tests two proportions and needs a "
                    + "ratio KPI (numerator / denominator); KPI '" + kpi.name() + "' is a " + aggregation());
            return null;
        }
        ConfigNode confidenceNode = node.entries().get("confidence");
        Double confidence = confidenceNode == null ? Double.valueOf(0.95) : values.number(confidenceNode);
        Baseline baseline = baseline(node);
        if (direction == null || confidence == null || baseline == null) {
            return null;
        }
        return new Condition.Significance(direction, confidence, baseline);
    }

    private Condition group(String kind, ConfigNode list, boolean thresholdsOnly) {
        if (list.kind() != ConfigNode.Kind.LIST) {
            values.shape(list, "expected a list of conditions, got " + list.describe());
            return null;
        }
        List<Condition> parts = new ArrayList<>();
        boolean complete = true;
        for (ConfigNode item : list.items()) {
            Condition c = read(item, thresholdsOnly);
            complete &= c != null;
            parts.add(c);
        }
        if (!complete || parts.isEmpty()) {
            if (parts.isEmpty()) {
                values.shape(list, "give at least one condition");
            }
            return null;
        }
        return kind.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
    }

    /** {@code baseline} with its {@code windows}; windows only where the baseline spans several. */
    private Baseline baseline(ConfigNode node) {
        ConfigNode baselineNode = node.entries().get("baseline");
        Baseline.Kind kind = Baseline.Kind.PREVIOUS_WINDOW;
        if (baselineNode != null) {
            String text = values.text(baselineNode);
            kind = null;
            for (Baseline.Kind k : Baseline.Kind.values()) {
                if (k.name().toLowerCase(Locale.ROOT).equals(text)) {
                    kind = k;
                }
            }
            if (kind == null) {
                values.shape(baselineNode, "use previous_window, trailing_mean, same_hour_last_week or same_weekday");
                return null;
            }
        }
        ConfigNode windowsNode = node.entries().get("windows");
        boolean spans = kind == Baseline.Kind.TRAILING_MEAN || kind == Baseline.Kind.SAME_WEEKDAY;
        if (windowsNode != null && !spans) {
            values.add(windowsNode.anchor(), windowsNode.path(), "windows applies to the trailing_mean and "
                    + "same_weekday baselines; " + kind.name().toLowerCase(Locale.ROOT)
                    + " compares with a single window");
            return null;
        }
        int fallback = kind == Baseline.Kind.TRAILING_MEAN ? 7 : kind == Baseline.Kind.SAME_WEEKDAY ? 4 : 1;
        Integer windows = windowsNode == null ? Integer.valueOf(fallback) : values.integer(windowsNode);
        return windows == null ? null : new Baseline(kind, windows);
    }

    /** The first word means UP, the second DOWN; anything else was reported by the schema. */
    private Direction word(ConfigNode node, String up, String down) {
        String text = values.text(node);
        if (up.equals(text)) {
            return Direction.UP;
        }
        if (down.equals(text)) {
            return Direction.DOWN;
        }
        if (text != null) {
            values.shape(node, "use " + up + " or " + down);
        }
        return null;
    }

    private Integer atLeastTwo(ConfigNode node, String message) {
        Integer n = values.integer(node);
        if (n != null && n == 1) {
            values.add(node, message + ", got 1");
            return null;
        }
        return n;
    }

    private Integer optionalInteger(ConfigNode node, String key, int fallback) {
        ConfigNode n = node.entries().get(key);
        return n == null ? Integer.valueOf(fallback) : values.integer(n);
    }

    private String aggregation() {
        return kpi.aggregation().name().toLowerCase(Locale.ROOT);
    }
}
