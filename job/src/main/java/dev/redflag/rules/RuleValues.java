package dev.redflag.rules;

import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.NodeReader;
import dev.redflag.yaml.Problems;

/**
 * Reads single values of one rule file for the semantic checks, which run even when the schema
 * found problems so that a person gets every message in one round (see {@link NodeReader} for
 * which problems are reported when). Numbers are read here; a rule file's text may be blank where
 * its schema allows it.
 */
final class RuleValues extends NodeReader {

    RuleValues(Problems problems, boolean schemaPassed) {
        super(problems, schemaPassed);
    }

    /** The scalar text, blank or not, or null (shape problem) for anything else. */
    @Override
    public String text(ConfigNode node) {
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
}
