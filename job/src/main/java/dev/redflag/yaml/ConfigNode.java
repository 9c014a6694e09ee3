package dev.redflag.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers its dotted key path and where it was written, so a problem
 * found long after parsing can still point at the file, line and column. Values from
 * environment variables and defaults are nodes too, with their own {@link Origin}.
 */
public final class ConfigNode {

    public enum Kind { MAPPING, LIST, SCALAR, NULL }

    private final Kind kind;
    private final String path;
    private final Origin origin;
    private final Origin keyOrigin;
    private final String text;
    private final Map<String, ConfigNode> entries;
    private final List<ConfigNode> items;

    private ConfigNode(Kind kind, String path, Origin origin, Origin keyOrigin, String text,
                       Map<String, ConfigNode> entries, List<ConfigNode> items) {
        this.kind = kind;
        this.path = path;
        this.origin = origin;
        this.keyOrigin = keyOrigin;
        this.text = text;
        this.entries = entries;
        this.items = items;
    }

    public static ConfigNode scalar(String path, String text, Origin origin, Origin keyOrigin) {
        return new ConfigNode(Kind.SCALAR, path, origin, keyOrigin, text, Map.of(), List.of());
    }

    public static ConfigNode nothing(String path, Origin origin, Origin keyOrigin) {
        return new ConfigNode(Kind.NULL, path, origin, keyOrigin, null, Map.of(), List.of());
    }

    public static ConfigNode mapping(String path, Origin origin, Origin keyOrigin, LinkedHashMap<String, ConfigNode> entries) {
        return new ConfigNode(Kind.MAPPING, path, origin, keyOrigin, null,
                Collections.unmodifiableMap(entries), List.of());
    }

    public static ConfigNode list(String path, Origin origin, Origin keyOrigin, List<ConfigNode> items) {
        return new ConfigNode(Kind.LIST, path, origin, keyOrigin, null, Map.of(), List.copyOf(items));
    }

    public Kind kind() {
        return kind;
    }

    public String path() {
        return path;
    }

    /** Where the value starts. */
    public Origin origin() {
        return origin;
    }

    /**
     * Where a problem about the node as a whole points: its key ({@code kafka:}) when it has
     * one, the source without position for the top level, else the value itself.
     */
    public Origin anchor() {
        return keyOrigin != null ? keyOrigin : origin;
    }

    /** The scalar text as written (for {@code off}, {@code yes}: the word, not a boolean). */
    public String text() {
        return text;
    }

    public Map<String, ConfigNode> entries() {
        return entries;
    }

    public List<ConfigNode> items() {
        return items;
    }

    public boolean isMapping() {
        return kind == Kind.MAPPING;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    /** True for {@code key:}, {@code key: ~} and {@code key: ''}: written, but without a value. */
    public boolean isEmpty() {
        return kind == Kind.NULL || (kind == Kind.SCALAR && text.isBlank());
    }

    /** "a mapping", "a list", ... for "expected X, got Y" messages; never echoes the value. */
    public String describe() {
        return switch (kind) {
            case MAPPING -> "a mapping";
            case LIST -> "a list";
            case SCALAR -> "a single value";
            case NULL -> "no value";
        };
    }
}
