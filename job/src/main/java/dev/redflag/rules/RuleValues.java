package dev.redflag.rules;

import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Durations;
import dev.redflag.yaml.Origin;
import dev.redflag.yaml.Problems;

import java.time.Duration;

/**
 * Reads single values of one rule file for the semantic checks, which run even when the schema
 * found problems so that a person gets every message in one round. A value of the wrong shape was
 * already reported by the schema, so a shape problem is only reported here when the schema passed
 * the file (which would be a gap in the schema): never twice, never lost.
 */
final class RuleValues {

    private final Problems problems;
    private final boolean schemaPassed;

    RuleValues(Problems problems, boolean schemaPassed) {
        this.problems = problems;
        this.schemaPassed = schemaPassed;
    }

    /** A semantic problem: always reported. */
    void problem(Origin origin, String path, String message) {
        problems.add(origin, path.isEmpty() ? null : path, message);
    }

    void problem(ConfigNode at, String message) {
        problem(at.origin(), at.path(), message);
    }

    /** A shape problem the schema should have reported. */
    void shape(ConfigNode at, String message) {
        if (schemaPassed) {
            problem(at, message);
        }
    }

    /** The scalar text, or null (shape problem) for anything else. */
    String text(ConfigNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isScalar()) {
            shape(node, "expected a single value, got " + node.describe());
            return null;
        }
        return node.text();
    }

    Double number(ConfigNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        shape(node, "expected a number, got '" + text + "'");
        return null;
    }

    Integer integer(ConfigNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            shape(node, "expected a whole number, got '" + text + "'");
            return null;
        }
    }

    Long wholeNumber(ConfigNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            shape(node, "expected a whole number, got '" + text + "'");
            return null;
        }
    }

    /**
     * A duration; its problems are semantic (the schema's pattern cannot tell {@code 30s1m} from
     * {@code 1m30s}) and worded like the schema's, so the two collapse into one line.
     */
    Duration duration(ConfigNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problem(node, e.getMessage());
            return null;
        }
    }
}
