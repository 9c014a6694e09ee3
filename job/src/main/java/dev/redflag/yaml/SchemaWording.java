package dev.redflag.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Says a schema violation the way a person fixes it — {@code unknown key 'severty'; did you mean
 * 'severity'?} rather than the validator's "property 'severty' is not defined in the schema" —
 * and points at the key for key problems and at the value for value problems. What a pattern
 * guards depends on the file, so the file's {@link SchemaWords} are asked first.
 */
final class SchemaWording {

    private final JsonNode schema;
    private final SchemaWords words;
    private final List<ValidationMessage> all;

    SchemaWording(JsonNode schema, SchemaWords words, List<ValidationMessage> all) {
        this.schema = schema;
        this.words = words;
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
        String own = words.unknownKey(schema, location, name);
        if (own != null) {
            problems.add(where, path, own);
            return;
        }
        List<String> known = knownKeys(location);
        String hint = didYouMean(name, known);
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
                    && Suggestions.near(m.getProperty(), knownKeys(fragment(m))).orElse("")
                            .equals(required.getProperty())) {
                return true;
            }
        }
        return false;
    }

    private void badName(ValidationMessage m, ConfigNode object, String location, Problems problems) {
        String name = m.getProperty();
        ConfigNode node = object.isMapping() ? object.entries().get(name) : null;
        String what = words.badName(location);
        if (what == null) {
            what = labelName();
        }
        problems.add(node != null ? node.anchor() : object.origin(),
                node != null ? node.path() : child(object, name), "'" + name + "' " + what);
    }

    /** The words for a bad label name, in keys and in values alike. */
    static String labelName() {
        return "is not a label name; use letters, digits and '_', not starting with a digit";
    }

    private String valueProblem(ValidationMessage m, ConfigNode at, String location) {
        JsonNode rule = m.getSchemaNode();
        String got = got(at);
        String own = words.value(location, m.getType(), at, got);
        if (own != null) {
            return own;
        }
        if (at.isScalar() && location.startsWith("/definitions/duration/")) {
            return duration(at.text()); // same words as the loaders' own parse, so one line
        }
        return switch (m.getType()) {
            case "type" -> "expected " + expected(rule) + ", got " + got;
            case "enum" -> {
                List<String> values = texts(rule);
                String base = "expected one of " + String.join(", ", values) + ", got " + got;
                if (at.isScalar()) {
                    base = "'" + at.text() + "' is not one of " + String.join(", ", values)
                            + didYouMean(at.text().toLowerCase(Locale.ROOT), values);
                }
                yield base;
            }
            case "const" -> "must be " + rule.asText() + ", got " + got;
            case "pattern" -> got + " does not have the expected form";
            case "minimum" -> "must be at least " + rule.asText() + ", got " + got;
            case "maximum" -> "must be at most " + rule.asText() + ", got " + got;
            case "exclusiveMinimum" -> "must be greater than " + rule.asText() + ", got " + got;
            case "exclusiveMaximum" -> "must be less than " + rule.asText() + ", got " + got;
            case "minItems" -> "give at least " + rule.asText() + " item(s)";
            case "minProperties" -> "must not be empty";
            default -> withoutPath(m);
        };
    }

    private static String duration(String text) {
        try {
            Durations.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return "'" + text + "' is not a duration; write whole numbers with units ms, s, m, h, d, w, e.g. 15m";
    }

    private static String didYouMean(String word, Collection<String> candidates) {
        return Suggestions.near(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
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

    static String got(ConfigNode at) {
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
