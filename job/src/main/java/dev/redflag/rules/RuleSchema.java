package dev.redflag.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.SchemaWords;
import dev.redflag.yaml.YamlSchema;
import dev.redflag.kpi.WindowSpec;

/**
 * The published JSON Schema of rule files ({@value #RESOURCE}, packaged from
 * {@code alerts-config/schema/rules.schema.json}) and the words for what its patterns guard:
 * alert, KPI and group names, windows, conditions. The generic part — positions, unknown keys,
 * types, enums, durations — is {@link YamlSchema}'s, shared with the routing and silences files.
 */
final class RuleSchema implements SchemaWords {

    static final String RESOURCE = "/schema/rules.schema.json";

    private RuleSchema() {
    }

    static YamlSchema load() {
        return YamlSchema.load(RESOURCE, new RuleSchema());
    }

    @Override
    public String unknownKey(JsonNode schema, String location, String name) {
        if (location.equals("/definitions/rule/additionalProperties")
                && schema.at("/definitions/condition/properties").has(name)) {
            return "unknown key '" + name + "'; conditions go under 'when:', e.g. when: {" + name + ": ...}";
        }
        return null;
    }

    @Override
    public String badName(String location) {
        if (location.contains("/match/")) {
            return "is not a dimension name; use letters, digits, '_' and '.', e.g. page or dims.region";
        }
        if (location.contains("/annotations/")) {
            return "is not an annotation name; use letters, digits and '_', not starting with a digit";
        }
        return null;
    }

    @Override
    public String value(String location, String keyword, ConfigNode at, String got) {
        if (at.isScalar() && (location.startsWith("/definitions/window/")
                || location.startsWith("/definitions/ruleWindow/"))) {
            return window(at.text()); // same words as the loader's own parse, so one line
        }
        return switch (keyword) {
            // not a scalar when a key is written twice: the schema reads the last, the tree keeps the first
            case "pattern" -> at.isScalar() ? pattern(at.text(), location, got) : null;
            case "minItems" -> location.endsWith("/all/minItems") || location.endsWith("/any/minItems")
                    ? "give at least one condition"
                    : location.endsWith("/slices/minItems") ? "give at least one dimension, e.g. [channel]" : null;
            case "minProperties" -> location.contains("condition")
                    ? "empty condition; write one kind, e.g. {above: 0.5} or {change: rise, percent: 20}" : null;
            default -> null;
        };
    }

    private static String window(String text) {
        try {
            WindowSpec.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return "'" + text + "' is not a window; write 1h (tumbling) or 1d/1h (size/slide)";
    }

    private static String pattern(String text, String location, String got) {
        if (location.endsWith("/properties/alert/pattern")) {
            String camel = upperCamel(text);
            return "alert names are UpperCamelCase identifiers (a capital letter, then letters and digits), got "
                    + got + (camel.isEmpty() || camel.equals(text) ? "" : "; e.g. '" + camel + "'");
        }
        if (location.endsWith("/properties/kpi/pattern")) {
            return "KPI names are lower_snake_case, got " + got;
        }
        if (location.startsWith("/definitions/group/properties/name/")) {
            return "group names use letters, digits, '_', '.' and '-' and start with a letter or digit, got " + got;
        }
        return null;
    }

    /** {@code bounce_rate-rising} → {@code BounceRateRising}, for the hint. */
    static String upperCamel(String text) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c) || c > 127) {
                upper = true;
                continue;
            }
            if (out.length() == 0 && Character.isDigit(c)) {
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return out.toString();
    }
}
