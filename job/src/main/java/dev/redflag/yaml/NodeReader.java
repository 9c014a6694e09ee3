package dev.redflag.yaml;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads values out of positioned YAML nodes while collecting every problem, so that the readers
 * of the project's smaller YAML files (routes, silences, rule tests) word a typo, a list where a
 * value belongs or an empty value the same way, each with its file:line:column.
 */
public class NodeReader {

    public final Problems problems;

    public NodeReader() {
        this(new Problems());
    }

    /** A reader that adds to problems already found, e.g. by a schema. */
    protected NodeReader(Problems problems) {
        this.problems = problems;
    }

    public void add(ConfigNode at, String message) {
        problems.add(at.origin(), at.path(), message);
    }

    /**
     * A problem with the form of the file (an unknown key, a list where a value belongs) rather
     * than with what a value means. Readers of files that a schema checks first override this to
     * drop what the schema has already said in its own words.
     */
    protected void shape(Origin origin, String path, String message) {
        problems.add(origin, path, message);
    }

    public void shape(ConfigNode at, String message) {
        shape(at.origin(), at.path(), message);
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
}
