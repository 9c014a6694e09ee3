package dev.redflag.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Prometheus rule files of {@code deploy/prometheus/rules} and their expressions. */
final class RuleFiles {

    static final Path PROMETHEUS = Path.of("../deploy/prometheus");
    static final Path DIRECTORY = PROMETHEUS.resolve("rules");
    static final Path TESTS = PROMETHEUS.resolve("tests");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RuleFiles() {
    }

    /** Every {@code *.yml} of the rules directory, by name. */
    static List<Path> files() {
        return list(DIRECTORY, ".yml");
    }

    /** Every {@code *.test.yml} of the tests directory, by name. */
    static List<Path> tests() {
        return list(TESTS, ".test.yml");
    }

    /** Every alerting and recording rule's expr. */
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : files()) {
            for (JsonNode group : read(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    boolean alert = rule.has("alert");
                    queries.add(new Query(file.getFileName().toString(),
                            (alert ? "alert " + rule.path("alert").asText() : "record " + rule.path("record").asText()),
                            alert ? Query.Kind.ALERT : Query.Kind.RECORD, rule.path("expr").asText().strip(), null));
                }
            }
        }
        return queries;
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Path> list(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
