package dev.redflag.notify.route;

import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Origin;
import dev.redflag.yaml.Problems;
import dev.redflag.yaml.YamlSchema;
import dev.redflag.labels.Matcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the routing file (Alertmanager's {@code route}, {@code receivers}, {@code inhibit_rules}
 * and {@code mute_time_intervals}) into a {@link RouteTree}. Every cross reference and value is
 * checked here, once, and every problem is reported with file:line:column in one go, so a
 * mistyped receiver is a failed validation rather than an alert that silently goes nowhere.
 */
public final class RouteLoader {

    static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    static final List<String> TOP = List.of("route", "receivers", "inhibit_rules", "mute_time_intervals");
    static final List<String> ROUTE_KEYS = List.of("receiver", "matchers", "continue", "group_by",
            "group_wait", "group_interval", "repeat_interval", "mute_time_intervals", "send_every_transition", "routes");
    static final List<String> RECEIVER_KEYS = List.of("name", "slack");
    static final List<String> SLACK_KEYS = List.of("channel", "time_zone", "snooze_user_groups");
    static final Pattern USER_GROUP = Pattern.compile("S[A-Z0-9]{2,}");
    static final List<String> INHIBIT_KEYS = List.of("source_matchers", "target_matchers", "equal");

    /** What a child route takes from its parent unless it says otherwise. */
    private record Inherited(String receiver, GroupBy groupBy, Duration groupWait, Duration groupInterval,
                             Duration repeatInterval, boolean sendEveryTransition) {
    }

    private final Nodes nodes;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final Map<String, ConfigNode> receiverNames = new LinkedHashMap<>();
    private Set<String> intervalNames = Set.of();

    private RouteLoader(Nodes nodes) {
        this.nodes = nodes;
    }

    public static RouteTree load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing file " + file, e);
        }
    }

    /**
     * Checks the file against {@value RouteSchemas#ROUTES}, then what a schema cannot say (receivers
     * and intervals that routes name exist, matchers, regexes, durations above zero, time zones).
     *
     * @throws ConfigException listing every problem as {@code source:line:column: path: reason}
     */
    public static RouteTree parse(String yaml, String source) {
        Problems problems = new Problems();
        YamlSchema.Checked file = RouteSchemas.routes().read(yaml, source,
                "a routing file is one document, remove the '---' and what follows", problems);
        if (file == null) {
            problems.throwIfAny();
        }
        if (file.empty()) {
            // an empty file has no position of its own: its start is where the keys belong
            problems.add(Origin.at(source, 1, 1), null, "expected a mapping with 'route' and 'receivers'");
            problems.throwIfAny();
        }
        return new RouteLoader(new Nodes(problems, file.followsSchema())).read(file.root());
    }

    private RouteTree read(ConfigNode top) {
        if (!nodes.mapping(top)) {
            nodes.problems.throwIfAny();
        }
        nodes.keys(top, TOP, "route", "receivers");
        ConfigNode receiverList = top.entries().get("receivers");
        if (receiverList != null) {
            nodes.list(receiverList).forEach(this::receiver);
        }
        ConfigNode intervalList = top.entries().get("mute_time_intervals");
        TimeIntervalReader intervalReader = new TimeIntervalReader(nodes);
        Map<String, TimeInterval> intervals = intervalList == null ? Map.of() : intervalReader.read(intervalList);
        intervalNames = intervalReader.names();
        ConfigNode inhibitList = top.entries().get("inhibit_rules");
        List<InhibitRule> inhibitRules = inhibitList == null ? List.of()
                : nodes.list(inhibitList).stream().map(this::inhibitRule).filter(r -> r != null).toList();
        ConfigNode routeNode = top.entries().get("route");
        Route root = routeNode == null || !nodes.mapping(routeNode) ? null : route(routeNode, null);
        nodes.problems.throwIfAny();
        return new RouteTree(root, receivers, inhibitRules, intervals);
    }

    private void receiver(ConfigNode node) {
        if (!nodes.mapping(node)) {
            return;
        }
        nodes.keys(node, RECEIVER_KEYS, "name");
        ConfigNode nameNode = node.entries().get("name");
        String name = nameNode == null ? null : nodes.text(nameNode);
        if (name == null) {
            return;
        }
        ConfigNode first = receiverNames.putIfAbsent(name, nameNode);
        if (first != null) {
            nodes.add(nameNode, "receiver '" + name + "' is defined twice (first at line " + first.origin().line()
                    + "); give each receiver its own name");
            return;
        }
        Receiver.Slack slack = null;
        ConfigNode slackNode = node.entries().get("slack");
        if (slackNode != null && nodes.mapping(slackNode)) {
            nodes.keys(slackNode, SLACK_KEYS, "channel");
            ConfigNode channel = slackNode.entries().get("channel");
            String text = channel == null ? null : nodes.text(channel);
            ZoneId zone = slackNode.entries().containsKey("time_zone")
                    ? nodes.zone(slackNode.entries().get("time_zone")) : null;
            ConfigNode groups = slackNode.entries().get("snooze_user_groups");
            slack = text == null ? null : new Receiver.Slack(text, zone, groups == null ? List.of() : userGroups(groups));
        }
        receivers.put(name, new Receiver(name, slack));
    }

    /** Slack user group ids, as Slack shows them in a group's URL: S followed by capitals and digits. */
    private List<String> userGroups(ConfigNode node) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : nodes.list(node)) {
            String id = nodes.text(item);
            if (id == null) {
                continue;
            }
            if (!USER_GROUP.matcher(id).matches()) {
                nodes.add(item, "'" + id + "' is not a Slack user group id; these look like S0123ABCD "
                        + "(the last part of the group's URL in Slack), not @handles");
            } else if (out.contains(id)) {
                nodes.add(item, "'" + id + "' is listed twice");
            } else {
                out.add(id);
            }
        }
        return out;
    }

    private InhibitRule inhibitRule(ConfigNode node) {
        if (!nodes.mapping(node)) {
            return null;
        }
        nodes.keys(node, INHIBIT_KEYS, "source_matchers", "target_matchers");
        ConfigNode source = node.entries().get("source_matchers");
        ConfigNode target = node.entries().get("target_matchers");
        ConfigNode equal = node.entries().get("equal");
        if (source == null || target == null) {
            return null;
        }
        return new InhibitRule(nodes.matchers(source), nodes.matchers(target),
                equal == null ? List.of() : nodes.labelNames(equal));
    }

    private Route route(ConfigNode node, Inherited parent) {
        boolean root = parent == null;
        Map<String, ConfigNode> e = node.entries();
        if (root) {
            nodes.keys(node, ROUTE_KEYS, "receiver");
            for (String key : List.of("matchers", "continue", "mute_time_intervals")) {
                if (e.containsKey(key)) {
                    nodes.problems.add(e.get(key).anchor(), e.get(key).path(), "the root route takes every alert "
                            + "and cannot have '" + key + "'; put it on a child route under 'routes'");
                }
            }
        } else {
            nodes.keys(node, ROUTE_KEYS);
        }
        Inherited from = root ? new Inherited(null, GroupBy.of(), DEFAULT_GROUP_WAIT, DEFAULT_GROUP_INTERVAL,
                DEFAULT_REPEAT_INTERVAL, false) : parent;
        Inherited own = new Inherited(
                e.containsKey("receiver") ? receiverRef(e.get("receiver"), from.receiver()) : from.receiver(),
                e.containsKey("group_by") ? groupBy(e.get("group_by"), from.groupBy()) : from.groupBy(),
                duration(e.get("group_wait"), from.groupWait(), false),
                duration(e.get("group_interval"), from.groupInterval(), true),
                duration(e.get("repeat_interval"), from.repeatInterval(), true),
                e.containsKey("send_every_transition") ? flag(e.get("send_every_transition"),
                        from.sendEveryTransition()) : from.sendEveryTransition());
        List<Matcher> matchers = !root && e.containsKey("matchers") ? nodes.matchers(e.get("matchers")) : List.of();
        boolean continues = !root && e.containsKey("continue") && Boolean.TRUE.equals(nodes.bool(e.get("continue")));
        List<String> mutes = !root && e.containsKey("mute_time_intervals") ? intervalRefs(e.get("mute_time_intervals"))
                : List.of();
        List<Route> children = e.containsKey("routes") ? nodes.list(e.get("routes")).stream()
                .filter(nodes::mapping).map(child -> route(child, own)).toList() : List.of();
        return new Route(node.path(), matchers, own.receiver(), own.groupBy(), own.groupWait(), own.groupInterval(),
                own.repeatInterval(), continues, mutes, own.sendEveryTransition(), children);
    }

    private boolean flag(ConfigNode node, boolean fallback) {
        Boolean b = nodes.bool(node);
        return b == null ? fallback : b;
    }

    private String receiverRef(ConfigNode node, String fallback) {
        String name = nodes.text(node);
        if (name == null) {
            return fallback;
        }
        if (!receiverNames.containsKey(name)) {
            nodes.add(node, "unknown receiver '" + name + "'" + known(name, receiverNames.keySet(), "receivers"));
            return fallback;
        }
        return name;
    }

    private List<String> intervalRefs(ConfigNode node) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : nodes.list(node)) {
            String name = nodes.text(item);
            if (name == null) {
                continue;
            }
            if (intervalNames.contains(name)) {
                out.add(name);
            } else {
                nodes.add(item, "unknown mute time interval '" + name + "'"
                        + known(name, intervalNames, "intervals"));
            }
        }
        return out;
    }

    private static String known(String name, Collection<String> names, String what) {
        if (names.isEmpty()) {
            return "; none are defined";
        }
        return Nodes.suggestion(name, names, "; " + what + " are " + String.join(", ", names));
    }

    private GroupBy groupBy(ConfigNode node, GroupBy fallback) {
        List<ConfigNode> items = nodes.list(node);
        boolean all = items.stream().anyMatch(i -> i.isScalar() && i.text().equals("..."));
        if (all) {
            if (items.size() != 1) {
                nodes.add(node, "'...' groups by every label; write it alone, as group_by: ['...']");
                return fallback;
            }
            return GroupBy.ALL;
        }
        return new GroupBy(false, nodes.labelNames(node));
    }

    private Duration duration(ConfigNode node, Duration fallback, boolean positive) {
        if (node == null) {
            return fallback;
        }
        Duration d = nodes.duration(node);
        if (d == null) {
            return fallback;
        }
        if (positive && d.isZero()) {
            nodes.add(node, "must be more than 0s");
            return fallback;
        }
        return d;
    }
}
