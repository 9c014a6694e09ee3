package dev.redflag.yaml;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one kind of file says in its own words where the generic schema words would be vague: a
 * pattern knows nothing of what it guards ({@code ^[A-Z][A-Za-z0-9]*$} is "an alert name"), and
 * some values are best explained by the very parser that reads them, so that the schema and the
 * loader's own check word a mistake identically and it is reported once. Every method answers
 * null to keep the generic words.
 *
 * <p>{@code location} is the schema location of the violated keyword without the file, e.g.
 * {@code /definitions/rule/properties/alert/pattern}.
 */
public interface SchemaWords {

    /** The generic words everywhere. */
    SchemaWords NONE = new SchemaWords() {
    };

    /** The whole line for an unknown key {@code name}, e.g. a rule condition written beside {@code when:}. */
    default String unknownKey(JsonNode schema, String location, String name) {
        return null;
    }

    /** What a bad key of a free-form mapping is, e.g. {@code "is not a dimension name; ..."}. */
    default String badName(String location) {
        return null;
    }

    /**
     * The line for a value that breaks {@code keyword} ({@code type}, {@code pattern}, {@code minItems}, ...).
     *
     * @param got the value as messages show it: {@code 'text'}, {@code 12}, {@code a list}
     */
    default String value(String location, String keyword, ConfigNode at, String got) {
        return null;
    }
}
