package dev.redflag.rules;

import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.Origin;
import dev.redflag.yaml.Problems;
import dev.redflag.yaml.YamlSchema;
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
        YamlSchema schema = RuleSchema.load();
        Map<String, Origin> groupsSeen = new HashMap<>();
        List<Rule> rules = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<long[]> excluded = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, String> file : sorted.entrySet()) {
            Problems fileProblems = new Problems();
            RuleReader.FileRules read = readFile(file.getKey(), file.getValue(), catalog, schema, groupsSeen,
                    fileProblems);
            rules.addAll(read.rules());
            groups.addAll(read.groups());
            excluded.addAll(read.excluded());
            reasons.addAll(read.reasons());
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
        ExcludedPeriods calendar = new ExcludedPeriods(excluded, reasons);
        List<Rule> withCalendar = calendar.isEmpty() ? rules : rules.stream().map(r -> withCalendar(r, calendar)).toList();
        return new RuleSet(withCalendar, groups, names, version(sorted));
    }

    /** The rule with the calendar's periods in each of its shift conditions, which learn baselines. */
    private static Rule withCalendar(Rule r, ExcludedPeriods calendar) {
        return new Rule(r.group(), r.alert(), r.kpi(), r.window(), r.matchers(), withCalendar(r.condition(), calendar),
                r.minSample(), r.pendingFor(), r.keepFiringFor(), r.recovery(), r.severity(), r.labels(),
                r.annotations(), r.mode(), r.origin());
    }

    private static Condition withCalendar(Condition c, ExcludedPeriods calendar) {
        if (c instanceof Condition.Shift s) {
            return s.withExcluded(calendar);
        }
        if (c instanceof Condition.All all) {
            return new Condition.All(all.conditions().stream().map(x -> withCalendar(x, calendar)).toList());
        }
        if (c instanceof Condition.Any any) {
            return new Condition.Any(any.conditions().stream().map(x -> withCalendar(x, calendar)).toList());
        }
        return c;
    }

    private static RuleReader.FileRules readFile(String source, String yaml, KpiCatalog catalog, YamlSchema schema,
                                                 Map<String, Origin> groupsSeen, Problems problems) {
        YamlSchema.Checked file = schema.read(yaml, source, "a rule file is one document, split it into two files",
                problems);
        if (file == null || file.empty()) {
            return new RuleReader.FileRules(List.of(), List.of());
        }
        RuleValues values = new RuleValues(problems, file.followsSchema());
        return new RuleReader(catalog, values, groupsSeen).read(file.root());
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
