package dev.redflag.yaml;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads values out of positioned YAML nodes while collecting every problem, so that the readers
 * of the project's YAML files (rules, routes, silences, rule tests) word a typo, a list where a
 * value belongs or an empty value the same way, each with its file:line:column.
 *
 * <p>A file checked against its schema first has had every value of the wrong form reported
 * already, in the schema's words, so problems of form are only reported here when the schema
 * passed the file (which would be a gap in the schema): never twice, never lost. Problems of
 * meaning (an unknown receiver, a bad regex) are always reported.
 */
public class NodeReader {

    public final Problems problems;
    private final boolean followsSchema;

    /** A reader of a file that no schema checks. */
    public NodeReader() {
        this(new Problems(), true);
    }

    /**
     * A reader that adds to the problems a schema found.
     *
     * @param followsSchema whether the schema found nothing wrong in the file
     */
    public NodeReader(Problems problems, boolean followsSchema) {
        this.problems = problems;
        this.followsSchema = followsSchema;
    }

    /** A problem of meaning: always reported. */
    public void add(ConfigNode at, String message) {
        add(at.origin(), at.path(), message);
    }

    /** A problem of meaning at {@code origin}; an empty path (the top of the file) names no key. */
    public void add(Origin origin, String path, String message) {
        problems.add(origin, path == null || path.isEmpty() ? null : path, message);
    }

    /**
     * A problem with the form of the file (an unknown key, a list where a value belongs) rather
     * than with what a value means, dropped when the schema has already said it in its own words.
     */
    public void shape(Origin origin, String path, String message) {
        if (followsSchema) {
            add(origin, path, message);
        }
    }

    public void shape(ConfigNode at, String message) {
        shape(at.origin(), at.path(), message);
    }

    /** Reports unknown keys (with the closest allowed one) and missing required keys. */
    public void keys(ConfigNode node, Collection<String> allowed, String... required) {
        unknownKeys(node, allowed);
        for (String key : required) {
            if (!node.entries().containsKey(key)) {
                shape(node.anchor(), node.path().isEmpty() ? key : node.path() + "." + key,
                        "required key '" + key + "' is missing");
            }
        }
    }

    public boolean mapping(ConfigNode node) {
        if (node.isMapping()) {
            return true;
        }
        shape(node, "expected a mapping, got " + node.describe());
        return false;
    }

    /** Reports each key not in {@code allowed}, with the closest allowed one or the whole list. */
    public void unknownKeys(ConfigNode node, Collection<String> allowed) {
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                shape(e.getValue().anchor(), e.getValue().path(), "unknown key '" + e.getKey() + "'"
                        + suggestion(e.getKey(), allowed, "; keys here are " + String.join(", ", allowed)));
            }
        }
    }

    public static String suggestion(String word, Collection<String> candidates, String otherwise) {
        return Suggestions.closest(word, candidates, 3).map(s -> "; did you mean '" + s + "'?").orElse(otherwise);
    }

    /** The items of a list; none (reported) for anything else but an empty value. */
    public List<ConfigNode> list(ConfigNode node) {
        if (node.kind() == ConfigNode.Kind.LIST) {
            return node.items();
        }
        if (node.kind() != ConfigNode.Kind.NULL) {
            shape(node, "expected a list, got " + node.describe());
        }
        return List.of();
    }

    /** A non-blank single value, or null (reported). */
    public String text(ConfigNode node) {
        if (node.isScalar() && !node.text().isBlank()) {
            return node.text();
        }
        shape(node.isEmpty() ? node.anchor() : node.origin(), node.path(), node.isEmpty() ? "no value"
                : "expected a single value, got " + node.describe());
        return null;
    }

    /**
     * A duration ({@code 5m}, {@code 1d2h}), or null (reported). Its problems are of meaning, in
     * the schema's words (its pattern cannot tell {@code 30s1m} from {@code 1m30s}), so where the
     * schema says the same the two collapse into one line.
     */
    public Duration duration(ConfigNode node) {
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
}
