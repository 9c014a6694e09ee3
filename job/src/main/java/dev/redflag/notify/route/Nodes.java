package dev.redflag.notify.route;

import dev.redflag.config.ConfigNode;
import dev.redflag.config.Durations;
import dev.redflag.config.NodeReader;
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
final class Nodes extends NodeReader {

    static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** Reports unknown keys (with the closest allowed one) and missing required keys. */
    void keys(ConfigNode node, Collection<String> allowed, String... required) {
        unknownKeys(node, allowed);
        for (String key : required) {
            if (!node.entries().containsKey(key)) {
                problems.add(node.anchor(), node.path().isEmpty() ? key : node.path() + "." + key,
                        "required key '" + key + "' is missing");
            }
        }
    }

    boolean mapping(ConfigNode node) {
        if (node.isMapping()) {
            return true;
        }
        add(node, "expected a mapping, got " + node.describe());
        return false;
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
