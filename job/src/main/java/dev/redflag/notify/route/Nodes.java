package dev.redflag.notify.route;

import dev.redflag.labels.InvalidRegexException;
import dev.redflag.labels.Matcher;
import dev.redflag.labels.MatcherSyntax;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.NodeReader;
import dev.redflag.yaml.Problems;
import dev.redflag.yaml.YamlSchema;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading values out of YAML nodes while collecting every problem with its position, shared by
 * the routing and silence files so that a typo or a bad matcher reads the same in both. Where the
 * schema checks the same thing (durations, label names) both say it in the same words and it is
 * printed once.
 */
final class Nodes extends NodeReader {

    static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** @param followsSchema whether the schema found nothing wrong in the file */
    Nodes(Problems problems, boolean followsSchema) {
        super(problems, followsSchema);
    }

    /**
     * {@code true} or {@code false}. Reported as a problem of meaning, in the schema's words: the
     * YAML parser behind the schema also reads {@code yes} and {@code on} as true, so the schema
     * passes them, and this must say so even when the schema found something else.
     */
    Boolean bool(ConfigNode node) {
        if (node.isScalar() && (node.text().equals("true") || node.text().equals("false"))) {
            return Boolean.parseBoolean(node.text());
        }
        add(node, "expected true or false, got " + YamlSchema.shown(node));
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
                    problems.add(value.anchor(), value.path(), YamlSchema.labelNameProblem(e.getKey()));
                } else if (!value.isScalar()) {
                    shape(value, "expected a value like critical, !=critical or =~sales|revenue, got "
                            + value.describe());
                } else {
                    try {
                        out.add(Matcher.parse(e.getKey(), value.text()));
                    } catch (InvalidRegexException ex) {
                        add(value, "invalid regex: " + ex.reason());
                    }
                }
            }
            return out;
        }
        if (node.kind() != ConfigNode.Kind.LIST) {
            shape(node, matchersShape(node));
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

    static String matchersShape(ConfigNode node) {
        return "expected a list of matchers like ['severity=\"critical\"'] or a mapping like {severity: critical}, "
                + "got " + node.describe();
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
                add(item, YamlSchema.labelNameProblem(name));
            } else if (out.contains(name)) {
                add(item, "'" + name + "' is listed twice");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    /** A time zone name such as Europe/Berlin; null after reporting an unknown one. */
    ZoneId zone(ConfigNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            add(node, "unknown time zone '" + text + "'"
                    + Nodes.suggestion(text, ZoneId.getAvailableZoneIds(), "; use a zone name like Europe/Berlin, or UTC"));
            return null;
        }
    }
}
