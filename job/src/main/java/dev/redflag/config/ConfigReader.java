package dev.redflag.config;

import dev.redflag.config.ConfigKey.Shape;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Origin;
import dev.redflag.yaml.Problems;
import dev.redflag.yaml.Suggestions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Looks up settings by key path in the YAML tree, the environment and the defaults (env
 * beats file beats default) and turns every failure into a located problem instead of an
 * exception, so the loader can keep going and report everything at once.
 *
 * <p>Lookups return null when the value is missing or wrong; the problem is already
 * recorded by then.
 */
final class ConfigReader {

    private final ConfigNode root;
    private final String source;
    private final Map<String, String> env;
    private final Problems problems;
    private final Set<String> brokenSections = new HashSet<>();
    private final Map<String, Optional<ConfigNode>> resolved = new HashMap<>();

    ConfigReader(ConfigNode root, String source, Map<String, String> env, Problems problems) {
        this.source = source;
        this.env = new TreeMap<>(env);
        this.problems = problems;
        if (!root.isMapping() && !root.isEmpty()) {
            problems.add(root.origin(), null, "a job config is a mapping with the keys "
                    + String.join(", ", ConfigKeys.childrenOf("")) + "; got " + root.describe());
            this.root = ConfigNode.mapping("", Origin.of(source), Origin.of(source), new LinkedHashMap<>());
            brokenSections.add("");
        } else {
            this.root = root;
        }
    }

    void report(Origin origin, String key, String message) {
        problems.add(origin, key, message);
    }

    /** Reports keys the file has but the job does not know, and sections that are not mappings. */
    void checkKeys() {
        if (root.isMapping()) {
            checkSection(root, "");
        }
    }

    private void checkSection(ConfigNode section, String path) {
        Set<String> known = ConfigKeys.childrenOf(path);
        for (Map.Entry<String, ConfigNode> e : section.entries().entrySet()) {
            ConfigNode child = e.getValue();
            String childPath = child.path();
            if (!known.contains(e.getKey())) {
                report(child.anchor(), childPath, unknownKeyMessage(path, e.getKey(), known));
            } else if (ConfigKeys.isSection(childPath)) {
                if (child.isMapping()) {
                    checkSection(child, childPath);
                } else if (!child.isEmpty()) {
                    brokenSections.add(childPath);
                    report(child.origin(), childPath, "expected a mapping with the keys "
                            + String.join(", ", ConfigKeys.childrenOf(childPath)) + "; got " + child.describe());
                }
            }
        }
    }

    /** Exact matches elsewhere beat near matches here: {@code events} under {@code kafka} means kafka.topics.events. */
    private static String unknownKeyMessage(String section, String name, Set<String> known) {
        String prefix = section.isEmpty() ? "" : section + ".";
        String full = prefix + name;
        String message = "unknown key '" + full + "'";
        if (section.equals("kafka.security") && name.contains("password")) {
            String variable = name.contains("truststore") ? KafkaSecurity.TRUSTSTORE_PASSWORD_VARIABLE
                    : KafkaSecurity.PASSWORD_VARIABLE;
            return message + "; a password is never read from the file: set " + variable + ", or " + variable
                    + "_FILE to the path of a file holding it";
        }
        if (ConfigKeys.allPaths().contains(full)) {
            int dot = full.lastIndexOf('.');
            return message + "; write it nested: '" + full.substring(dot + 1) + "' under '"
                    + full.substring(0, dot) + "'";
        }
        for (String path : ConfigKeys.allPaths()) {
            if (path.endsWith("." + name) || (path.equals(name) && !section.isEmpty())) {
                return message + "; did you mean '" + path + "'?";
            }
        }
        Optional<String> sibling = Suggestions.closest(name, known, 3);
        if (sibling.isPresent()) {
            return message + "; did you mean '" + prefix + sibling.get() + "'?";
        }
        return message + "; the keys here are " + String.join(", ", known);
    }

    /** Reports {@code REDFLAG_*} variables that look like a misspelt override; ignores the rest. */
    void checkEnv() {
        Set<String> names = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            if (key.shape() == Shape.MAP) {
                prefixes.add(key.envPrefix() + "_");
            } else {
                names.add(key.envPrefix());
            }
        }
        names.addAll(ConfigKeys.SECRET_VARIABLES);
        for (String variable : env.keySet()) {
            if (!variable.startsWith("REDFLAG_") || names.contains(variable)
                    || prefixes.stream().anyMatch(variable::startsWith)) {
                continue;
            }
            Optional<String> meant = Suggestions.closest(variable, sorted(names), 2);
            meant.ifPresent(m -> report(Origin.env(variable), null,
                    "not a known setting; did you mean " + m + "?"));
        }
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }

    /**
     * A secret from the variable {@code name}, or from the file the variable {@code name_FILE}
     * names (trimmed), as a Kubernetes Secret mounted as a file gives it. Empty when neither is set;
     * null when one is wrong (reported, naming the variable and the file, never the value).
     */
    Optional<Secret> secret(String name) {
        String fileVariable = name + "_FILE";
        String value = env.get(name);
        String file = env.get(fileVariable);
        boolean hasValue = value != null && !value.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasValue && hasFile) {
            report(Origin.env(name), null, "set only one of " + name + ", " + fileVariable);
            return null;
        }
        if (hasValue) {
            return Optional.of(new Secret(value.strip()));
        }
        if (!hasFile) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip();
        } catch (IOException | InvalidPathException e) {
            report(Origin.env(fileVariable), null, "cannot read the file " + file.strip() + " ("
                    + e.getClass().getSimpleName() + "); mount the secret there or fix the path");
            return null;
        }
        if (text.isEmpty()) {
            report(Origin.env(fileVariable), null, "the file " + file.strip() + " is empty");
            return null;
        }
        return Optional.of(new Secret(text));
    }

    /**
     * The node that supplies the key's value: from the environment, else from the file, else
     * the default. Null when a required key is missing (reported here).
     */
    ConfigNode effective(String path) {
        return resolved.computeIfAbsent(path, p -> Optional.ofNullable(resolve(ConfigKeys.get(p)))).orElse(null);
    }

    private ConfigNode resolve(ConfigKey key) {
        String variable = key.envPrefix();
        String override = env.get(variable);
        if (override != null && !override.isBlank()) {
            return fromText(key, override, Origin.env(variable));
        }
        ConfigNode file = fileNode(key.path());
        if (file != null && !file.isEmpty()) {
            return file;
        }
        if (key.defaultValue() != null) {
            return fromText(key, key.defaultValue(), Origin.of("default"));
        }
        if (!underBrokenSection(key.path())) {
            String fix = "add '" + key.name() + ": " + key.example() + "'"
                    + (key.parent().isEmpty() ? "" : " under '" + key.parent() + "'")
                    + " or set " + key.envVar();
            if (file != null) {
                report(file.anchor(), key.path(), "has no value; " + fix);
            } else {
                report(nearestAnchor(key.path()), key.path(), "required key is missing; " + fix);
            }
        }
        return null;
    }

    /** A value given as text (env variable, default): lists are comma-separated. */
    private static ConfigNode fromText(ConfigKey key, String text, Origin origin) {
        if (key.shape() != Shape.LIST) {
            return ConfigNode.scalar(key.path(), text.strip(), origin, null);
        }
        List<ConfigNode> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(ConfigNode.scalar(key.path() + "[" + items.size() + "]", item.strip(), origin, null));
            }
        }
        return ConfigNode.list(key.path(), origin, null, items);
    }

    private ConfigNode fileNode(String path) {
        ConfigNode node = root;
        for (String segment : path.split("\\.")) {
            if (node == null || !node.isMapping()) {
                return null;
            }
            node = node.entries().get(segment);
        }
        return node;
    }

    private boolean underBrokenSection(String path) {
        return brokenSections.stream().anyMatch(s -> s.isEmpty() || path.startsWith(s + "."));
    }

    /** Where to point when a key is missing: the key of the closest enclosing mapping that exists. */
    private Origin nearestAnchor(String path) {
        String p = path;
        for (int dot = p.lastIndexOf('.'); dot > 0; dot = p.lastIndexOf('.')) {
            p = p.substring(0, dot);
            ConfigNode node = fileNode(p);
            if (node != null) {
                return node.anchor();
            }
        }
        return Origin.of(source);
    }

    /** Parses a single-value key with {@code parse}, whose {@link IllegalArgumentException} becomes a problem. */
    <T> T value(String path, Function<String, T> parse) {
        ConfigNode node = effective(path);
        return node == null ? null : parse(node, parse);
    }

    /** Parses a scalar node; reports and returns null when it is not a scalar or does not parse. */
    <T> T parse(ConfigNode node, Function<String, T> parse) {
        if (!node.isScalar()) {
            report(node.origin(), node.path(), "expected a single value, got " + node.describe());
            return null;
        }
        try {
            return parse.apply(node.text());
        } catch (IllegalArgumentException e) {
            report(node.origin(), node.path(), e.getMessage());
            return null;
        }
    }

    /** The items of a list key; a single value or mapping counts as a list of one. Null when missing. */
    List<ConfigNode> items(String path) {
        ConfigNode node = effective(path);
        if (node == null) {
            return null;
        }
        return node.kind() == ConfigNode.Kind.LIST ? node.items() : List.of(node);
    }

    /**
     * The entries of a map key, file first, then {@code <VAR>_<NAME>} variables overriding
     * them with {@code NAME} lower-cased and {@code _} read as {@code .}.
     */
    Map<String, ConfigNode> entries(String path) {
        ConfigKey key = ConfigKeys.get(path);
        Map<String, ConfigNode> result = new LinkedHashMap<>();
        ConfigNode file = fileNode(path);
        if (file != null && file.isMapping()) {
            result.putAll(file.entries());
        } else if (file != null && !file.isEmpty()) {
            report(file.origin(), path, "expected a mapping of property names to values, got " + file.describe());
        }
        String prefix = key.envPrefix() + "_";
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length() && !e.getValue().isBlank()) {
                String name = e.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                result.put(name, ConfigNode.scalar(path + "." + name, e.getValue().strip(), Origin.env(e.getKey()), null));
            }
        }
        return result;
    }
}
