package dev.redflag.kpi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON form of a KPI value, shared by the KPI topic and {@code redflag kpis --format jsonl}:
 * {@code kpi, window, dims, windowStart, windowEnd (ISO-8601 UTC), value}, then {@code numerator}
 * and {@code denominator} for ratio KPIs, {@code sample} always, and the second moments
 * {@code numeratorSquares, crossProducts, denominatorSquares} when the value carries them. Whole
 * numbers print without a fraction so counts read as counts.
 */
public final class KpiValueJson {

    private final JsonFactory factory = new JsonFactory();

    public String write(KpiValue v) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kpi", v.kpi());
            g.writeStringField("window", v.window());
            g.writeObjectFieldStart("dims");
            for (Map.Entry<String, String> d : v.sortedDims().entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
            g.writeStringField("windowStart", Instant.ofEpochMilli(v.windowStart()).toString());
            g.writeStringField("windowEnd", Instant.ofEpochMilli(v.windowEnd()).toString());
            g.writeFieldName("value");
            number(g, v.value());
            if (v.isRatio()) {
                g.writeFieldName("numerator");
                number(g, v.numerator());
                g.writeFieldName("denominator");
                number(g, v.denominator());
            }
            g.writeNumberField("sample", v.sample());
            moment(g, "numeratorSquares", v.numeratorSquares());
            moment(g, "crossProducts", v.crossProducts());
            moment(g, "denominatorSquares", v.denominatorSquares());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
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
