package dev.redflag.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.redflag.config.ConfigException;
import dev.redflag.config.ConfigNode;
import dev.redflag.config.Origin;
import dev.redflag.config.Problems;
import dev.redflag.config.YamlTree;
import dev.redflag.kpi.KpiCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a set of rule files into a {@link RuleSet}, all or nothing: every problem in every file
 * is collected (schema first, then the checks that need the KPI catalog) and reported together,
 * and a set with any problem is rejected whole, so a running job keeps its last good rules and a
 * person fixes everything in one round.
 *
 * <p>A directory contributes its {@code *.yaml} and {@code *.yml} files, sorted by name, not
 * those of its subdirectories and not hidden ones (names starting with a dot, as editors leave).
 * An empty file holds no rules.
 */
public final class RuleLoader {

    private static final YAMLMapper YAML = new YAMLMapper();

    private RuleLoader() {
    }

    /**
     * Loads a directory of rule files, or a single rule file.
     *
     * @throws ConfigException       listing every problem as {@code file:line:column: path: reason}
     * @throws UncheckedIOException  when a file cannot be read
     */
    public static RuleSet load(Path path, KpiCatalog catalog) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path file : Files.isDirectory(path) ? ruleFiles(path) : List.of(path)) {
            try {
                files.put(file.toString(), Files.readString(file));
            } catch (NoSuchFileException e) {
                throw new UncheckedIOException("rule file not found: " + file, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule file " + file + ": " + e.getMessage(), e);
            }
        }
        return parseAll(files, catalog);
    }

    /** The rule files of a directory, sorted by name. */
    public static List<Path> ruleFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One rule file's text; {@code source} names it in messages. */
    public static RuleSet parse(String yaml, String source, KpiCatalog catalog) {
        return parseAll(Map.of(source, yaml), catalog);
    }

    /**
     * Rule files by source name (a path, or a name from the rules topic), read in name order.
     *
     * @throws ConfigException listing every problem, file by file in name order, each file's in line order
     */
    public static RuleSet parseAll(Map<String, String> filesBySource, KpiCatalog catalog) {
        TreeMap<String, String> sorted = new TreeMap<>(filesBySource);
        RuleSchema schema = RuleSchema.load();
        Map<String, Origin> groupsSeen = new HashMap<>();
        List<Rule> rules = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : sorted.entrySet()) {
            Problems fileProblems = new Problems();
            RuleReader.FileRules read = readFile(file.getKey(), file.getValue(), catalog, schema, groupsSeen,
                    fileProblems);
            rules.addAll(read.rules());
            groups.addAll(read.groups());
            try {
                fileProblems.throwIfAny();
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<String> names = sorted.keySet().stream().map(RuleLoader::fileName).toList();
        return new RuleSet(rules, groups, names, version(sorted));
    }

    private static RuleReader.FileRules readFile(String source, String yaml, KpiCatalog catalog, RuleSchema schema,
                                                 Map<String, Origin> groupsSeen, Problems problems) {
        RuleReader.FileRules nothing = new RuleReader.FileRules(List.of(), List.of());
        JsonNode document;
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            document = YAML.readTree(parser);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(Origin.at(source, at.getLineNr(), at.getColumnNr()), null,
                        "a second YAML document (after '---') starts here; a rule file is one document, "
                                + "split it into two files");
                return nothing;
            }
        } catch (JacksonException e) {
            YamlTree.parse(yaml, source, problems); // words the syntax error with its position
            if (problems.isEmpty()) {
                problems.add(Origin.of(source), null, "invalid YAML: " + e.getOriginalMessage());
            }
            return nothing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigNode root = YamlTree.parse(yaml, source, problems);
        if (root == null || document == null || document.isMissingNode()) {
            return nothing;
        }
        boolean schemaPassed = schema.check(document, root, problems);
        RuleValues values = new RuleValues(problems, schemaPassed);
        return new RuleReader(catalog, values, groupsSeen).read(root);
    }

    /** SHA-256 over each file's name and text (CRLF as LF), in name order; first 12 hex digits. */
    static String version(TreeMap<String, String> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        TreeMap<String, String> byName = new TreeMap<>();
        files.forEach((source, text) -> byName.put(fileName(source), text));
        byName.forEach((name, text) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        });
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    private static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(slash + 1);
    }
}
