package dev.redflag.rules;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.labels.InvalidRegexException;
import dev.redflag.labels.Matcher;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Origin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The semantic layer of rule loading for one file: builds {@link Rule}s from the YAML tree and
 * checks what needs the KPI catalog or the rest of the file set — known KPIs, their windows and
 * dimensions, regexes, durations, unique names, template variables. Shapes are the schema's
 * business ({@link RuleValues}).
 */
final class RuleReader {

    private static final List<String> SEVERITIES = List.of("critical", "warning", "info");
    /** Labels every alert gets from its rule and series, by what sets them. */
    private static final Map<String, String> RESERVED_LABELS = Map.of("alertname", "alert name",
            "severity", "severity", "kpi", "KPI", "window", "window");

    private final KpiCatalog catalog;
    private final RuleValues values;
    private final Map<String, Origin> groupsSeen;

    /** @param groupsSeen group names of the files read before this one, added to as groups are read */
    RuleReader(KpiCatalog catalog, RuleValues values, Map<String, Origin> groupsSeen) {
        this.catalog = catalog;
        this.values = values;
        this.groupsSeen = groupsSeen;
    }

    /** What one file holds: rules, group names, and calendar periods left out of baselines. */
    record FileRules(List<Rule> rules, List<String> groups, List<long[]> excluded, List<String> reasons) {

        FileRules(List<Rule> rules, List<String> groups) {
            this(rules, groups, List.of(), List.of());
        }
    }

    FileRules read(ConfigNode root) {
        List<Rule> rules = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        if (!root.isMapping()) {
            values.shape(root, "expected a mapping with 'groups', got " + root.describe());
            return new FileRules(rules, groups);
        }
        List<long[]> excluded = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        ConfigNode calendar = root.entries().get("calendar");
        if (calendar != null) {
            new CalendarReader(values).read(calendar, excluded, reasons);
        }
        ConfigNode groupList = root.entries().get("groups");
        if (groupList == null && calendar == null) {
            values.add(root.origin(), "groups", "required key 'groups' is missing");
        }
        if (groupList == null || groupList.kind() != ConfigNode.Kind.LIST) {
            if (groupList != null) {
                values.shape(groupList, "expected a list of groups, got " + groupList.describe());
            }
            return new FileRules(rules, groups, excluded, reasons);
        }
        for (ConfigNode group : groupList.items()) {
            if (!group.isMapping()) {
                values.shape(group, "expected a group (a mapping with name and rules), got " + group.describe());
                continue;
            }
            String name = groupName(group);
            if (name != null) {
                groups.add(name);
            }
            readGroup(group, name, rules);
        }
        return new FileRules(rules, groups, excluded, reasons);
    }

    private String groupName(ConfigNode group) {
        ConfigNode nameNode = group.entries().get("name");
        String name = nameNode == null ? null : values.text(nameNode);
        if (name == null) {
            return null;
        }
        Origin first = groupsSeen.putIfAbsent(name, nameNode.origin());
        if (first != null) {
            values.add(nameNode, "group '" + name + "' is already defined at " + first
                    + "; group names are unique across all rule files");
            return null;
        }
        return name;
    }

    private void readGroup(ConfigNode group, String name, List<Rule> out) {
        Map<String, ConfigNode> groupLabels = labelNodes(group.entries().get("labels"));
        ConfigNode ruleList = group.entries().get("rules");
        if (ruleList == null || ruleList.kind() != ConfigNode.Kind.LIST) {
            if (ruleList != null && !ruleList.isEmpty()) {
                values.shape(ruleList, "expected a list of rules, got " + ruleList.describe());
            }
            return;
        }
        Map<String, ConfigNode> alerts = new HashMap<>();
        for (ConfigNode ruleNode : ruleList.items()) {
            if (!ruleNode.isMapping()) {
                values.shape(ruleNode, "expected a rule (a mapping with alert, kpi, when, severity), got "
                        + ruleNode.describe());
                continue;
            }
            Rule rule = readRule(name, groupLabels, ruleNode, alerts);
            if (rule != null && name != null) {
                out.add(rule);
            }
        }
    }

    private Rule readRule(String group, Map<String, ConfigNode> groupLabels, ConfigNode node,
                          Map<String, ConfigNode> alerts) {
        Map<String, ConfigNode> e = node.entries();
        String alert = alertName(e.get("alert"), alerts);
        KpiSpec kpi = kpi(e.get("kpi"));
        boolean auto = e.containsKey("window") && "auto".equals(e.get("window").text());
        String window = auto ? finestWindow(e.get("window"), kpi) : window(e.get("window"), kpi);
        List<Matcher> matchers = matchers(e.get("match"), kpi);
        ConditionReader conditions = new ConditionReader(values, kpi, auto);
        Condition when = e.containsKey("when") ? conditions.read(e.get("when"), false) : null;
        Condition recovery = e.containsKey("resolve_when") ? conditions.read(e.get("resolve_when"), true) : null;
        Long minSample = e.containsKey("min_sample") ? values.wholeNumber(e.get("min_sample")) : Long.valueOf(0);
        Duration pendingFor = e.containsKey("for") ? values.duration(e.get("for")) : Duration.ZERO;
        Duration keepFiringFor = e.containsKey("keep_firing_for") ? values.duration(e.get("keep_firing_for"))
                : Duration.ZERO;
        String severity = oneOf(e.get("severity"), SEVERITIES);
        String modeText = e.containsKey("mode") ? oneOf(e.get("mode"), List.of("live", "shadow")) : "live";
        Map<String, ConfigNode> labelNodes = new LinkedHashMap<>(groupLabels);
        labelNodes.putAll(labelNodes(e.get("labels")));
        Map<String, String> labels = labels(labelNodes, kpi);
        Map<String, String> annotations = annotations(e.get("annotations"), kpi, labelNodes.keySet());

        boolean optionalsOk = (!e.containsKey("window") || window != null) && matchers != null
                && (!e.containsKey("resolve_when") || recovery != null) && minSample != null
                && pendingFor != null && keepFiringFor != null && modeText != null && labels != null
                && annotations != null;
        if (alert == null || kpi == null || when == null || severity == null || !optionalsOk) {
            return null;
        }
        Rule.Mode mode = Rule.Mode.valueOf(modeText.toUpperCase(Locale.ROOT));
        return new Rule(group, alert, kpi.name(), window, matchers, when, minSample, pendingFor, keepFiringFor,
                recovery, severity, labels, annotations, mode, node.origin().toString());
    }

    private String alertName(ConfigNode node, Map<String, ConfigNode> alerts) {
        String alert = node == null ? null : values.text(node);
        if (alert == null) {
            return null;
        }
        ConfigNode first = alerts.putIfAbsent(alert, node);
        if (first != null) {
            values.add(node, "alert '" + alert + "' is already defined in this group at line "
                    + first.origin().line() + "; alert names are unique within a group");
            return null;
        }
        return alert;
    }

    private KpiSpec kpi(ConfigNode node) {
        String name = node == null ? null : values.text(node);
        if (name == null) {
            return null;
        }
        KpiSpec spec = catalog.specs().get(name);
        if (spec == null && name.matches("[a-z][a-z0-9_]*")) { // other spellings: the schema's pattern
            Set<String> known = catalog.specs().keySet();
            String hint = Hints.didYouMean(name, known);
            values.add(node, "unknown KPI '" + name + "'"
                    + (hint.isEmpty() ? "; KPIs are " + String.join(", ", known) : hint));
        }
        return spec;
    }

    /**
     * {@code window: auto}: the KPI's finest tumbling window, which a shift pools into coarser
     * resolutions itself; null when the KPI is unknown or has no tumbling window.
     */
    private String finestWindow(ConfigNode node, KpiSpec kpi) {
        if (kpi == null) {
            return null;
        }
        WindowSpec finest = null;
        for (WindowSpec spec : kpi.windows()) {
            if (spec.isTumbling() && (finest == null || spec.size().compareTo(finest.size()) < 0)) {
                finest = spec;
            }
        }
        if (finest == null) {
            values.add(node, "window: auto pools the KPI's finest tumbling window, and KPI '" + kpi.name()
                    + "' has only sliding windows (" + String.join(", ", kpi.windows().stream()
                    .map(WindowSpec::label).toList()) + "); add a tumbling window such as 1h in kpis.yaml");
            return null;
        }
        return finest.label();
    }

    /** The window's canonical label ({@code 60m} → {@code 1h}), null when absent or wrong. */
    private String window(ConfigNode node, KpiSpec kpi) {
        String text = node == null ? null : values.text(node);
        if (text == null) {
            return null;
        }
        WindowSpec spec;
        try {
            spec = WindowSpec.parse(text);
        } catch (IllegalArgumentException ex) {
            values.add(node, ex.getMessage());
            return null;
        }
        if (kpi != null && !kpi.windows().contains(spec)) {
            values.add(node, "KPI '" + kpi.name() + "' has no window '" + text + "'; its windows are "
                    + String.join(", ", kpi.windows().stream().map(WindowSpec::label).toList())
                    + " (windows are set in kpis.yaml)");
            return null;
        }
        return spec.label();
    }

    private List<Matcher> matchers(ConfigNode node, KpiSpec kpi) {
        List<Matcher> out = new ArrayList<>();
        if (node == null || node.isEmpty()) {
            return out;
        }
        if (!node.isMapping()) {
            values.shape(node, "expected a mapping of dimension: value, got " + node.describe());
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, ConfigNode> m : node.entries().entrySet()) {
            String dim = m.getKey();
            ConfigNode valueNode = m.getValue();
            if (kpi != null && !kpi.by().contains(dim) && dim.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                values.add(valueNode.anchor(), valueNode.path(), "KPI '" + kpi.name() + "' has no dimension '"
                        + dim + "'" + Hints.didYouMean(dim, kpi.by()) + "; its dimensions are "
                        + String.join(", ", kpi.by()));
                ok = false;
            }
            String written = values.text(valueNode);
            if (written == null) {
                ok = false;
                continue;
            }
            try {
                out.add(Matcher.parse(dim, written));
            } catch (InvalidRegexException ex) {
                values.add(valueNode, "bad regular expression '" + ex.regex() + "': " + ex.reason());
                ok = false;
            }
        }
        return ok ? out : null;
    }

    private String oneOf(ConfigNode node, List<String> allowed) {
        String text = node == null ? null : values.text(node);
        if (text != null && !allowed.contains(text)) {
            values.shape(node, "use one of " + String.join(", ", allowed));
            return null;
        }
        return text;
    }

    /** Label key → value node, reserved names reported. */
    private Map<String, ConfigNode> labelNodes(ConfigNode node) {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        if (node == null || node.isEmpty()) {
            return out;
        }
        if (!node.isMapping()) {
            values.shape(node, "expected a mapping of label: value, got " + node.describe());
            return out;
        }
        for (Map.Entry<String, ConfigNode> l : node.entries().entrySet()) {
            if (RESERVED_LABELS.containsKey(l.getKey())) {
                values.add(l.getValue().anchor(), l.getValue().path(), "'" + l.getKey()
                        + "' is set from the rule's " + RESERVED_LABELS.get(l.getKey())
                        + " on every alert; choose another label name");
            }
            out.put(l.getKey(), l.getValue());
        }
        return out;
    }

    private Map<String, String> labels(Map<String, ConfigNode> nodes, KpiSpec kpi) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, ConfigNode> l : nodes.entrySet()) {
            ConfigNode valueNode = l.getValue();
            if (kpi != null && kpi.by().contains(l.getKey())) {
                values.add(valueNode.anchor(), valueNode.path(), "'" + l.getKey() + "' is a dimension of KPI '"
                        + kpi.name() + "' and labels every alert of this rule with its series' value; "
                        + "choose another label name");
                ok = false;
            }
            String text = values.text(valueNode);
            ok &= text != null && !RESERVED_LABELS.containsKey(l.getKey());
            if (text != null) {
                out.put(l.getKey(), text);
            }
        }
        return ok ? out : null;
    }

    private Map<String, String> annotations(ConfigNode node, KpiSpec kpi, Set<String> labelNames) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isEmpty()) {
            return out;
        }
        if (!node.isMapping()) {
            values.shape(node, "expected a mapping of name: template, got " + node.describe());
            return null;
        }
        TemplateVariables known = kpi == null ? null : new TemplateVariables(kpi.by(), labelNames);
        boolean ok = true;
        for (Map.Entry<String, ConfigNode> a : node.entries().entrySet()) {
            ConfigNode valueNode = a.getValue();
            String text = values.text(valueNode);
            if (text == null) {
                ok = false;
                continue;
            }
            AnnotationTemplate template;
            try {
                template = AnnotationTemplate.compile(text);
            } catch (IllegalArgumentException ex) {
                values.add(valueNode, "bad template: " + ex.getMessage());
                ok = false;
                continue;
            }
            if (known != null) {
                for (String variable : template.variables()) {
                    String problem = known.problem(variable);
                    if (problem != null) {
                        values.add(valueNode, problem);
                        ok = false;
                    }
                }
            }
            out.put(a.getKey(), text);
        }
        return ok ? out : null;
    }
}
