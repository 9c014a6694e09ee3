package dev.redflag.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.redflag.config.ConfigNode;
import dev.redflag.config.Durations;
import dev.redflag.config.Origin;
import dev.redflag.config.Problems;
import dev.redflag.kpi.WindowSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Says a schema violation the way a person fixes it — {@code unknown key 'severty'; did you mean
 * 'severity'?} rather than the validator's "property 'severty' is not defined in the schema" —
 * and points at the key for key problems and at the value for value problems. Which words fit a
 * pattern depends on what the pattern guards, so it is chosen by the schema location.
 */
final class SchemaWording {

    private final JsonNode schema;
    private final List<ValidationMessage> all;

    SchemaWording(JsonNode schema, List<ValidationMessage> all) {
        this.schema = schema;
        this.all = all;
    }

    void report(ValidationMessage m, ConfigNode at, Problems problems) {
        String location = fragment(m);
        switch (m.getType()) {
            case "additionalProperties" -> unknownKey(m, at, location, problems);
            case "required" -> {
                if (!explainedByTypo(m)) {
                    Origin where = at.anchor().hasPosition() ? at.anchor() : at.origin();
                    problems.add(where, child(at, m.getProperty()),
                            "required key '" + m.getProperty() + "' is missing");
                }
            }
            case "propertyNames" -> badName(m, at, location, problems);
            default -> problems.add(at.origin(), key(at), valueProblem(m, at, location));
        }
    }

    private void unknownKey(ValidationMessage m, ConfigNode object, String location, Problems problems) {
        String name = m.getProperty();
        ConfigNode node = object.isMapping() ? object.entries().get(name) : null;
        Origin where = node != null ? node.anchor() : object.origin();
        String path = node != null ? node.path() : child(object, name);
        List<String> known = knownKeys(location);
        if (location.equals("/definitions/rule/additionalProperties")
                && schema.at("/definitions/condition/properties").has(name)) {
            problems.add(where, path, "unknown key '" + name + "'; conditions go under 'when:', e.g. when: {"
                    + name + ": ...}");
            return;
        }
        String hint = Hints.didYouMean(name, known);
        if (hint.isEmpty() && !known.isEmpty()) {
            hint = "; use one of " + String.join(", ", known);
        }
        problems.add(where, path, "unknown key '" + name + "'" + hint);
    }

    /** A missing key whose misspelling is also reported ({@code severty}) needs no second line. */
    private boolean explainedByTypo(ValidationMessage required) {
        for (ValidationMessage m : all) {
            if (m.getType().equals("additionalProperties")
                    && m.getInstanceLocation().equals(required.getInstanceLocation())
                    && Hints.closest(m.getProperty(), knownKeys(fragment(m))).orElse("")
                            .equals(required.getProperty())) {
                return true;
            }
        }
        return false;
    }

    private void badName(ValidationMessage m, ConfigNode object, String location, Problems problems) {
        String name = m.getProperty();
        ConfigNode node = object.isMapping() ? object.entries().get(name) : null;
        String what;
        if (location.contains("/match/")) {
            what = "is not a dimension name; use letters, digits, '_' and '.', e.g. page or dims.region";
        } else if (location.contains("/annotations/")) {
            what = "is not an annotation name; use letters, digits and '_', not starting with a digit";
        } else {
            what = "is not a label name; use letters, digits and '_', not starting with a digit";
        }
        problems.add(node != null ? node.anchor() : object.origin(),
                node != null ? node.path() : child(object, name), "'" + name + "' " + what);
    }

    private String valueProblem(ValidationMessage m, ConfigNode at, String location) {
        JsonNode rule = m.getSchemaNode();
        String got = got(at);
        boolean durationOrWindow = location.startsWith("/definitions/duration/")
                || location.startsWith("/definitions/window/");
        if (at.isScalar() && durationOrWindow) {
            return pattern(at, location, got); // same words as the loader's own parse, so one line
        }
        return switch (m.getType()) {
            case "type" -> "expected " + expected(rule) + ", got " + got;
            case "enum" -> {
                List<String> values = texts(rule);
                String base = "expected one of " + String.join(", ", values) + ", got " + got;
                if (at.isScalar()) {
                    base = "'" + at.text() + "' is not one of " + String.join(", ", values)
                            + Hints.didYouMean(at.text().toLowerCase(Locale.ROOT), values);
                }
                yield base;
            }
            case "const" -> "must be " + rule.asText() + ", got " + got;
            case "pattern" -> pattern(at, location, got);
            case "minimum" -> "must be at least " + rule.asText() + ", got " + got;
            case "maximum" -> "must be at most " + rule.asText() + ", got " + got;
            case "exclusiveMinimum" -> "must be greater than " + rule.asText() + ", got " + got;
            case "exclusiveMaximum" -> "must be less than " + rule.asText() + ", got " + got;
            case "minItems" -> location.endsWith("/all/minItems") || location.endsWith("/any/minItems")
                    ? "give at least one condition" : "give at least " + rule.asText() + " item(s)";
            case "minProperties" -> location.contains("condition")
                    ? "empty condition; write one kind, e.g. {above: 0.5} or {change: rise, percent: 20}"
                    : "must not be empty";
            default -> withoutPath(m);
        };
    }

    private static String pattern(ConfigNode at, String location, String got) {
        String text = at.isScalar() ? at.text() : "";
        if (location.startsWith("/definitions/duration/")) {
            try {
                Durations.parse(text);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            return "'" + text + "' is not a duration; write whole numbers with units ms, s, m, h, d, w, e.g. 15m";
        }
        if (location.startsWith("/definitions/window/")) {
            try {
                WindowSpec.parse(text);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            return "'" + text + "' is not a window; write 1h (tumbling) or 1d/1h (size/slide)";
        }
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
        return got + " does not have the expected form";
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

    private List<String> knownKeys(String additionalPropertiesLocation) {
        String parent = additionalPropertiesLocation.substring(0,
                additionalPropertiesLocation.length() - "/additionalProperties".length());
        JsonNode properties = schema.at(parent + "/properties");
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static String expected(JsonNode typeRule) {
        List<String> names = new ArrayList<>();
        for (String t : texts(typeRule)) {
            names.add(switch (t) {
                case "object" -> "a mapping";
                case "array" -> "a list";
                case "string" -> "text";
                case "integer" -> "a whole number";
                case "number" -> "a number";
                case "boolean" -> typeRule.isArray() ? "true/false" : "true or false";
                default -> t;
            });
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private static String got(ConfigNode at) {
        return switch (at.kind()) {
            case SCALAR -> isNumber(at.text()) ? at.text() : "'" + at.text() + "'";
            case MAPPING -> "a mapping";
            case LIST -> "a list";
            case NULL -> "nothing";
        };
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return !text.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String fragment(ValidationMessage m) {
        String location = m.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        return hash < 0 ? "" : location.substring(hash + 1);
    }

    private static String key(ConfigNode node) {
        return node.path().isEmpty() ? null : node.path();
    }

    private static String child(ConfigNode parent, String name) {
        return parent.path().isEmpty() ? name : parent.path() + "." + name;
    }

    private static String withoutPath(ValidationMessage m) {
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
    }
}
