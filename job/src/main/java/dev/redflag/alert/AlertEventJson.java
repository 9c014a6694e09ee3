package dev.redflag.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.redflag.kpi.ExampleField;
import dev.redflag.kpi.KpiFormat;
import dev.redflag.kpi.KpiValueJson;
import dev.redflag.kpi.ValueText;
import dev.redflag.rules.eval.ChartData;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of an alert transition, shared by the alerts topic and {@code backtest --format
 * jsonl}: {@code alert, rule, state, labels, annotations, startsAt, endsAt, at, value, baseline,
 * change, valueText, baselineText, changeText, windowStart, windowEnd, severity, fingerprint, mode,
 * flapping}, on firings of value-judged rules {@code chart} ({@link #chart}), on firings of KPIs with
 * examples {@code examples} ({@link #examples}), then the writer's {@link Extra} fields (the alerts
 * topic's and backtests' {@code chart_url}). Times are ISO-8601
 * UTC; {@code endsAt} is null until resolved; NaN numbers are null and their texts "". The texts
 * are the numbers as people read them ({@code 66.7%}, {@code +21 points}); programs read the
 * numbers. It reads its own output back, which makes it the Flink wire format of
 * {@link AlertEvent} too; a record without texts or chart (written before they existed) gets plain
 * texts and no chart.
 */
public final class AlertEventJson {

    /**
     * String fields a writer adds to each alert's object, after the others: what depends on where the
     * alert is read, such as the Grafana links of the alerts topic ({@code chart_url}). Null values are left out.
     */
    @FunctionalInterface
    public interface Extra {
        Map<String, String> of(AlertEvent e);
    }

    private final JsonFactory factory = new JsonFactory();
    private final Extra extra;

    public AlertEventJson() {
        this(e -> Map.of());
    }

    public AlertEventJson(Extra extra) {
        this.extra = extra;
    }

    public String write(AlertEvent e) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = factory.createGenerator(out)) {
            Transition t = e.transition();
            g.writeStartObject();
            g.writeStringField("alert", e.alertname());
            g.writeStringField("rule", e.ruleId());
            g.writeStringField("state", t.phase().name().toLowerCase(java.util.Locale.ROOT));
            map(g, "labels", e.labels());
            map(g, "annotations", e.annotations());
            time(g, "startsAt", t.startsAt());
            time(g, "endsAt", t.endsAt());
            time(g, "at", t.at());
            number(g, "value", t.value());
            number(g, "baseline", t.baseline());
            number(g, "change", t.change());
            g.writeStringField("valueText", e.valueText().value());
            g.writeStringField("baselineText", e.valueText().baseline());
            g.writeStringField("changeText", e.valueText().change());
            time(g, "windowStart", t.windowStart());
            time(g, "windowEnd", t.windowEnd());
            g.writeStringField("kpi", e.kpi());
            g.writeStringField("window", e.window());
            g.writeStringField("severity", e.severity());
            g.writeStringField("fingerprint", e.fingerprint());
            g.writeStringField("mode", e.shadow() ? "shadow" : "live");
            g.writeBooleanField("flapping", t.flapping());
            if (t.judgedWindow() != null) {
                g.writeStringField("judgedWindow", t.judgedWindow());
            }
            if (e.chart() != null) {
                chart(g, e.chart());
            }
            if (!e.examples().isEmpty()) {
                examples(g, e.examples());
            }
            for (Map.Entry<String, String> field : extra.of(e).entrySet()) {
                if (field.getValue() != null) {
                    g.writeStringField(field.getKey(), field.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /**
     * Whether an alerts-topic record is a transition; the topic also carries records of another
     * {@code kind} (people's verdicts, {@code "kind":"feedback"}), which {@link #read} refuses.
     */
    public boolean isTransition(String json) {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.currentName().equals("kind")) {
                    return false;
                }
                p.nextToken();
                p.skipChildren();
            }
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    /**
     * An alert transition back from its JSON.
     *
     * @throws IllegalArgumentException for a record of another kind ({@link #isTransition})
     */
    public AlertEvent read(String json) {
        Map<String, String> text = new LinkedHashMap<>();
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, Double> numbers = new LinkedHashMap<>();
        boolean flapping = false;
        ChartData chart = null;
        List<AlertExample> examples = List.of();
        try (JsonParser p = factory.createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (v) {
                    case START_OBJECT -> {
                        if (field.equals("chart")) {
                            chart = readChart(p);
                        } else {
                            readMap(p, field.equals("labels") ? labels : annotations);
                        }
                    }
                    case START_ARRAY -> {
                        if (field.equals("examples")) {
                            examples = readExamples(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case VALUE_STRING -> text.put(field, p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numbers.put(field, p.getDoubleValue());
                    case VALUE_TRUE, VALUE_FALSE -> flapping = v == JsonToken.VALUE_TRUE;
                    default -> {
                        // null: absent time or NaN number
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (text.containsKey("kind")) {
            throw new IllegalArgumentException("a " + text.get("kind") + " record, not an alert transition");
        }
        Transition t = new Transition(Transition.Phase.valueOf(text.get("state").toUpperCase(java.util.Locale.ROOT)),
                millis(text.get("at")), millis(text.get("startsAt")), millis(text.get("endsAt")),
                numbers.getOrDefault("value", Double.NaN), numbers.getOrDefault("baseline", Double.NaN),
                numbers.getOrDefault("change", Double.NaN), millis(text.get("windowStart")),
                millis(text.get("windowEnd")), flapping, text.get("judgedWindow"));
        ValueText shown = text.containsKey("valueText")
                ? new ValueText(text.get("valueText"), text.get("baselineText"), text.get("changeText"))
                : KpiFormat.PLAIN.texts(t.value(), t.baseline());
        return new AlertEvent(text.get("rule"), text.get("alert"), text.get("severity"),
                "shadow".equals(text.get("mode")), text.get("fingerprint"), text.get("kpi"), text.get("window"),
                new TreeMap<>(labels), annotations, t, shown, chart, examples);
    }

    /**
     * {@code "examples": [{"id": "3f2a9c01b7e4", "at": "2026-…Z", "channel": "paid", "mrr": 49,
     * "age": 95400}, ...]}: {@code id} left out when the KPI shows none, then the shown fields in
     * their order (numbers as numbers), {@code age} in seconds when the KPI shows it.
     */
    private static void examples(JsonGenerator g, List<AlertExample> examples) throws IOException {
        g.writeArrayFieldStart("examples");
        for (AlertExample e : examples) {
            g.writeStartObject();
            if (e.id() != null) {
                g.writeStringField("id", e.id());
            }
            time(g, "at", e.at());
            for (ExampleField f : e.fields()) {
                if (f.isNumber()) {
                    number(g, f.name(), f.number());
                } else {
                    g.writeStringField(f.name(), f.text());
                }
            }
            if (e.hasAge()) {
                number(g, "age", e.ageMillis() / 1000.0);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static List<AlertExample> readExamples(JsonParser p) throws IOException {
        List<AlertExample> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            long at = AlertState.NO_TIME;
            long age = -1;
            List<ExampleField> fields = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> id = p.getText();
                    case "at" -> at = v == JsonToken.VALUE_NULL ? AlertState.NO_TIME : millis(p.getText());
                    case "age" -> age = Math.round(p.getDoubleValue() * 1000);
                    default -> fields.add(v == JsonToken.VALUE_STRING ? ExampleField.text(name, p.getText())
                            : ExampleField.number(name, v == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue()));
                }
            }
            out.add(new AlertExample(id, fields, at, age));
        }
        return out;
    }

    /**
     * {@code "chart": {"unit", "step", "firingStart", "firingEnd", "points": [[start, value,
     * baseline, lower, upper], ...]}}: times in epoch milliseconds, so the points are numbers only.
     */
    private static void chart(JsonGenerator g, ChartData c) throws IOException {
        g.writeObjectFieldStart("chart");
        g.writeStringField("unit", c.unit());
        g.writeNumberField("step", c.stepMillis());
        g.writeNumberField("firingStart", c.firingStart());
        g.writeNumberField("firingEnd", c.firingEnd());
        g.writeArrayFieldStart("points");
        for (ChartData.Point p : c.points()) {
            g.writeStartArray();
            g.writeNumber(p.start());
            KpiValueJson.number(g, p.value());
            KpiValueJson.number(g, p.baseline());
            KpiValueJson.number(g, p.lower());
            KpiValueJson.number(g, p.upper());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static ChartData readChart(JsonParser p) throws IOException {
        String unit = null;
        long step = 0;
        long firingStart = 0;
        long firingEnd = 0;
        List<ChartData.Point> points = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "unit" -> unit = v == JsonToken.VALUE_NULL ? null : p.getText();
                case "step" -> step = p.getLongValue();
                case "firingStart" -> firingStart = p.getLongValue();
                case "firingEnd" -> firingEnd = p.getLongValue();
                case "points" -> {
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        p.nextToken();
                        long start = p.getLongValue();
                        double[] n = new double[4];
                        for (int i = 0; i < n.length; i++) {
                            n[i] = p.nextToken() == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue();
                        }
                        p.nextToken(); // END_ARRAY
                        points.add(new ChartData.Point(start, n[0], n[1], n[2], n[3]));
                    }
                }
                default -> p.skipChildren(); // a field of a later version
            }
        }
        return new ChartData(unit, step, firingStart, firingEnd, points);
    }

    private static void readMap(JsonParser p, Map<String, String> into) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            into.put(name, p.getText());
        }
    }

    private static long millis(String iso) {
        return iso == null ? AlertState.NO_TIME : Instant.parse(iso).toEpochMilli();
    }

    private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String name, long millis) throws IOException {
        if (millis == AlertState.NO_TIME) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, Instant.ofEpochMilli(millis).toString());
        }
    }

    private static void number(JsonGenerator g, String name, double d) throws IOException {
        g.writeFieldName(name);
        KpiValueJson.number(g, d);
    }
}
