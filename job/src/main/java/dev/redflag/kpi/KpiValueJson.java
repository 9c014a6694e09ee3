package dev.redflag.kpi;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a KPI value, shared by the KPI topic and {@code redflag kpis --format jsonl}:
 * {@code kpi, window, dims, windowStart, windowEnd (ISO-8601 UTC), value}, then {@code numerator}
 * and {@code denominator} for ratio KPIs, {@code sample} always, the second moments
 * {@code numeratorSquares, crossProducts, denominatorSquares} when the value carries them, and
 * {@code slices} (each with {@code name, numerator, denominator, samples} and its moments) when the
 * KPI is sliced. Whole numbers print without a fraction so counts read as counts.
 *
 * <p>{@link #read} takes it back, a field left out reading as NaN (or no slices), so records
 * written before a field existed still read.
 */
public final class KpiValueJson {

    private final JsonFactory factory = new JsonFactory();
    private final ObjectMapper mapper = new ObjectMapper(factory);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    /** The last window start and end written, and their text: the values of one watermark share them. */
    private long startMillis = Long.MIN_VALUE;
    private String startText;
    private long endMillis = Long.MIN_VALUE;
    private String endText;

    public String write(KpiValue v) {
        return new String(bytes(v), StandardCharsets.UTF_8);
    }

    /** The JSON form in UTF-8. Not thread-safe: an instance keeps a buffer and the last instants written. */
    public byte[] bytes(KpiValue v) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("kpi", v.kpi());
            g.writeStringField("window", v.window());
            g.writeObjectFieldStart("dims");
            for (Map.Entry<String, String> d : v.sortedDims().entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
            if (v.windowStart() != startMillis) {
                startMillis = v.windowStart();
                startText = Instant.ofEpochMilli(startMillis).toString();
            }
            if (v.windowEnd() != endMillis) {
                endMillis = v.windowEnd();
                endText = Instant.ofEpochMilli(endMillis).toString();
            }
            g.writeStringField("windowStart", startText);
            g.writeStringField("windowEnd", endText);
            g.writeFieldName("value");
            number(g, v.value());
            if (v.isRatio()) {
                g.writeFieldName("numerator");
                number(g, v.numerator());
                g.writeFieldName("denominator");
                number(g, v.denominator());
            }
            g.writeNumberField("sample", v.sample());
            moments(g, v.numeratorSquares(), v.crossProducts(), v.denominatorSquares());
            if (!v.slices().isEmpty()) {
                g.writeArrayFieldStart("slices");
                for (Slice s : v.slices()) {
                    g.writeStartObject();
                    g.writeStringField("name", s.name());
                    g.writeFieldName("numerator");
                    number(g, s.numerator());
                    g.writeFieldName("denominator");
                    number(g, s.denominator());
                    g.writeNumberField("samples", s.samples());
                    moments(g, s.numeratorSquares(), s.crossProducts(), s.denominatorSquares());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * A KPI value from its JSON form.
     *
     * @throws IllegalArgumentException when it is not JSON or lacks kpi, window, windowStart, windowEnd or sample
     */
    public KpiValue read(String json) {
        JsonNode n;
        try {
            n = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a KPI value: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a KPI value: expected a JSON object");
        }
        Map<String, String> dims = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("dims").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            dims.put(d.getKey(), d.getValue().asText());
        }
        List<Slice> slices = new ArrayList<>();
        for (JsonNode s : n.path("slices")) {
            slices.add(new Slice(required(s, "name").asText(), decimal(s, "numerator"), decimal(s, "denominator"),
                    required(s, "samples").asLong(), decimal(s, "numeratorSquares"), decimal(s, "crossProducts"),
                    decimal(s, "denominatorSquares")));
        }
        return new KpiValue(required(n, "kpi").asText(), required(n, "window").asText(), dims,
                Instant.parse(required(n, "windowStart").asText()).toEpochMilli(),
                Instant.parse(required(n, "windowEnd").asText()).toEpochMilli(), decimal(n, "value"),
                decimal(n, "numerator"), decimal(n, "denominator"), required(n, "sample").asLong(),
                decimal(n, "numeratorSquares"), decimal(n, "crossProducts"), decimal(n, "denominatorSquares"), slices);
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("not a KPI value: '" + field + "' is missing");
        }
        return v;
    }

    /** Absent or null (how NaN is written) reads as NaN. */
    private static double decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    private static void moments(JsonGenerator g, double numeratorSquares, double crossProducts,
                                double denominatorSquares) throws IOException {
        moment(g, "numeratorSquares", numeratorSquares);
        moment(g, "crossProducts", crossProducts);
        moment(g, "denominatorSquares", denominatorSquares);
    }

    /** A second moment is left out when unknown, as numerator and denominator are for non-ratios. */
    private static void moment(JsonGenerator g, String name, double d) throws IOException {
        if (!Double.isNaN(d)) {
            g.writeFieldName(name);
            number(g, d);
        }
    }

    /** Whole numbers without a fraction, so counts read as counts; NaN and infinities as null. */
    public static void number(JsonGenerator g, double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            g.writeNull();
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            g.writeNumber((long) d);
        } else {
            g.writeNumber(d);
        }
    }
}
