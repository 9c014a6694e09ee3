package dev.redflag.config;

import java.util.Locale;

/**
 * One setting of the job config, as documented in {@code docs/configuration.md} and {@code deploy/job.yaml}.
 *
 * @param path         dotted key path in the YAML file, e.g. {@code kafka.bootstrap-servers}
 * @param shape        whether the key holds one value, a list or a map
 * @param defaultValue the default as it would be written in the file; null when required
 * @param example      a value to show people, e.g. in "missing" messages
 * @param description  one line for the docs
 */
public record ConfigKey(String path, Shape shape, String defaultValue, String example, String description) {

    /** What a key holds, which decides how an environment variable overrides it. */
    public enum Shape {
        /** One value; the variable holds it. */
        VALUE,
        /** A list; the variable holds the items separated by commas. */
        LIST,
        /** A map of names to values; one variable per name, {@code <VAR>_<NAME>} with dots as underscores. */
        MAP
    }

    public boolean required() {
        return defaultValue == null;
    }

    /**
     * The environment variable that overrides this key: {@code REDFLAG_} plus the path in
     * upper case with {@code .} and {@code -} as {@code _}. For a map it ends in {@code _*}:
     * {@code REDFLAG_KAFKA_PROPERTIES_SASL_JAAS_CONFIG} sets {@code sasl.jaas.config}.
     */
    public String envVar() {
        return envPrefix() + (shape == Shape.MAP ? "_*" : "");
    }

    String envPrefix() {
        return "REDFLAG_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The last path segment, e.g. {@code bootstrap-servers}. */
    String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The path of the enclosing mapping, "" at the top level. */
    String parent() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
