package dev.redflag.notify.route;

import dev.redflag.config.ConfigNode;
import dev.redflag.config.Durations;
import dev.redflag.config.Problems;
import dev.redflag.config.Suggestions;
import dev.redflag.rules.Matcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reading values out of YAML nodes while collecting every problem with its position, shared by
 * the routing and silence files so that a typo or a bad matcher reads the same in both.
 */
final class Nodes {

    static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    final Problems problems = new Problems();

    void add(ConfigNode at, String message) {
        problems.add(at.origin(), at.path(), message);
    }

    /** Reports unknown keys (with the closest allowed one) and missing required keys. */
    void keys(ConfigNode node, Collection<String> allowed, String... required) {
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problems.add(e.getValue().anchor(), e.getValue().path(), "unknown key '" + e.getKey() + "'"
                        + suggestion(e.getKey(), allowed, "; keys here are " + String.join(", ", allowed)));
            }
        }
        for (String key : required) {
            if (!node.entries().containsKey(key)) {
                problems.add(node.anchor(), node.path().isEmpty() ? key : node.path() + "." + key,
                        "required key '" + key + "' is missing");
            }
        }
    }

    static String suggestion(String word, Collection<String> candidates, String otherwise) {
        return Suggestions.closest(word, candidates, 3).map(s -> "; did you mean '" + s + "'?").orElse(otherwise);
    }

    boolean mapping(ConfigNode node) {
        if (node.isMapping()) {
            return true;
        }
        add(node, "expected a mapping, got " + node.describe());
        return false;
    }

    /** The items of a list; none (reported) for anything else but an empty value. */
    List<ConfigNode> list(ConfigNode node) {
        if (node.kind() == ConfigNode.Kind.LIST) {
            return node.items();
        }
        if (node.kind() != ConfigNode.Kind.NULL) {
            add(node, "expected a list, got " + node.describe());
        }
        return List.of();
    }

    /** A non-blank single value, or null (reported). */
    String text(ConfigNode node) {
        if (node.isScalar() && !node.text().isBlank()) {
            return node.text();
        }
        problems.add(node.isEmpty() ? node.anchor() : node.origin(), node.path(), node.isEmpty() ? "no value"
                : "expected a single value, got " + node.describe());
        return null;
    }

    Duration duration(ConfigNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            add(node, e.getMessage());
            return null;
        }
    }

    Boolean bool(ConfigNode node) {
        if (node.isScalar() && (node.text().equals("true") || node.text().equals("false"))) {
            return Boolean.parseBoolean(node.text());
        }
        add(node, "expected true or false");
        return null;
    }

    /**
     * Matchers as a list of Alertmanager strings ({@code ['team=~"sales|revenue"']}) or as a
     * mapping in the rule files' style ({@code {severity: critical, team: "=~sales|revenue"}}).
     */
    List<Matcher> matchers(ConfigNode node) {
        List<Matcher> out = new ArrayList<>();
        if (node.isMapping()) {
            for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
                ConfigNode value = e.getValue();
                if (!LABEL.matcher(e.getKey()).matches()) {
                    problems.add(value.anchor(), value.path(), "'" + e.getKey() + "' is not a label name");
                } else if (!value.isScalar()) {
                    add(value, "expected a value like critical, !=critical or =~sales|revenue, got "
                            + value.describe());
                } else {
                    try {
                        out.add(Matcher.parse(e.getKey(), value.text()));
                    } catch (PatternSyntaxException ex) {
                        add(value, "invalid regex: " + ex.getDescription());
                    }
                }
            }
            return out;
        }
        if (node.kind() != ConfigNode.Kind.LIST) {
            add(node, "expected a list of matchers like ['severity=\"critical\"'] or a mapping like "
                    + "{severity: critical}, got " + node.describe());
            return out;
        }
        for (ConfigNode item : node.items()) {
            String text = text(item);
            if (text != null) {
                try {
                    out.add(MatcherSyntax.parse(text));
                } catch (IllegalArgumentException e) {
                    add(item, e.getMessage());
                }
            }
        }
        return out;
    }

    /** Distinct label names. */
    List<String> labelNames(ConfigNode node) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : list(node)) {
            String name = text(item);
            if (name == null) {
                continue;
            }
            if (!LABEL.matcher(name).matches()) {
                add(item, "'" + name + "' is not a label name");
            } else if (out.contains(name)) {
                add(item, "'" + name + "' is listed twice");
            } else {
                out.add(name);
            }
        }
        return out;
    }
}
