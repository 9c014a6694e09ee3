package dev.redflag.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The Grafana dashboards of {@code deploy/grafana/dashboards} as JSON trees, and the queries they send. */
final class Dashboards {

    static final Path DIRECTORY = Path.of("../deploy/grafana/dashboards");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {
    }

    /** Every {@code *.json} of the directory, by file name. */
    static List<Dashboard> load() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(Dashboards::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dashboard byUid(String uid) {
        return load().stream().filter(d -> d.uid().equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard with uid " + uid + " in " + DIRECTORY));
    }

    private static Dashboard read(Path file) {
        try {
            return new Dashboard(file.getFileName().toString(), JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One dashboard file. */
    record Dashboard(String file, JsonNode json) {

        String uid() {
            return json.path("uid").asText();
        }

        String title() {
            return json.path("title").asText();
        }

        /** Every panel, rows and the panels of collapsed rows included, in file order. */
        List<JsonNode> panels() {
            List<JsonNode> panels = new ArrayList<>();
            for (JsonNode panel : json.path("panels")) {
                panels.add(panel);
                panel.path("panels").forEach(panels::add);
            }
            return panels;
        }

        List<JsonNode> variables() {
            List<JsonNode> variables = new ArrayList<>();
            json.path("templating").path("list").forEach(variables::add);
            return variables;
        }

        JsonNode variable(String name) {
            return variables().stream().filter(v -> v.path("name").asText().equals(name)).findFirst().orElse(null);
        }

        List<JsonNode> annotations() {
            List<JsonNode> annotations = new ArrayList<>();
            json.path("annotations").path("list").forEach(annotations::add);
            return annotations;
        }

        /** Panel targets, query variables and annotation queries, in that order. */
        List<Query> queries() {
            List<Query> queries = new ArrayList<>();
            for (JsonNode panel : panels()) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(file, "panel \"" + panel.path("title").asText() + "\" "
                            + target.path("refId").asText(), Query.Kind.PANEL, target.path("expr").asText(), this));
                }
            }
            for (JsonNode variable : variables()) {
                if (variable.path("type").asText().equals("query")) {
                    queries.add(new Query(file, "variable $" + variable.path("name").asText(), Query.Kind.VARIABLE,
                            variableQuery(variable), this));
                }
            }
            for (JsonNode annotation : annotations()) {
                if (annotation.hasNonNull("expr")) {
                    queries.add(new Query(file, "annotation \"" + annotation.path("name").asText() + "\"",
                            Query.Kind.ANNOTATION, annotation.path("expr").asText(), this));
                }
            }
            return queries;
        }

        /**
         * The value of every variable as the dashboard opens, as Grafana puts it into a query: the
         * variable's {@code allValue} when "All" is selected, else its current value.
         */
        Map<String, String> defaults() {
            Map<String, String> values = new LinkedHashMap<>();
            for (JsonNode variable : variables()) {
                JsonNode current = variable.path("current").path("value");
                String value = current.isArray() ? (current.isEmpty() ? "" : current.get(0).asText()) : current.asText();
                if (variable.path("includeAll").asBoolean() && value.equals("$__all")) {
                    value = variable.path("allValue").asText(".*");
                }
                values.put(variable.path("name").asText(), value);
            }
            return values;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** A query variable's query: Grafana 10 keeps it as {@code query.query}, older models as a string. */
    static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asText() : query.asText(variable.path("definition").asText());
    }
}
