package dev.redflag.alert;

import dev.redflag.kpi.DurationText;
import dev.redflag.kpi.Example;
import dev.redflag.kpi.ExampleField;
import dev.redflag.kpi.ExampleSpec;
import dev.redflag.kpi.IdPolicy;
import dev.redflag.kpi.KpiFormat;
import dev.redflag.kpi.KpiValue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The examples a firing shows: those of the slice that fired it when a slice did, else those of the
 * series, from the window whose value fired it (the latest of the firing period), at most the KPI's
 * {@code max}, newest first; their IDs hashed, left out or shown as the KPI's {@code ids} says.
 * A hash asked for by default with no key configured leaves the IDs out.
 */
final class AlertExamples {

    /** The annotation (and template variable) that lists a firing's examples, one per line. */
    static final String ANNOTATION = "examples";

    private AlertExamples() {
    }

    static List<AlertExample> of(ExampleSpec spec, KpiValue value, String slice, long at, ExampleIds ids) {
        if (!spec.enabled() || value.examples().isEmpty()) {
            return List.of();
        }
        List<Example> chosen = slice == null ? value.examples().ofSeries(spec.max())
                : value.examples().ofSlice(slice, spec.max());
        boolean hash = spec.ids() == IdPolicy.HASH && ids.hasKey();
        boolean plain = spec.ids() == IdPolicy.PLAIN;
        List<AlertExample> out = new ArrayList<>(chosen.size());
        for (Example e : chosen) {
            String id = e.id() == null ? null : hash ? ids.token(e.id()) : plain ? e.id() : null;
            out.add(new AlertExample(id, e.fields(), e.ts(), spec.age() ? Math.max(0, at - e.ts()) : -1));
        }
        return out;
    }

    /**
     * The examples as short text, one per line: {@code 3f2a9c01b7e4 · channel=paid, device=mobile},
     * numbers as {@code formats} reads each field ({@code mrr=$120.00}); without IDs, a first line
     * says how many there are. Empty when there are none.
     */
    static String text(List<AlertExample> examples, Function<String, KpiFormat> formats) {
        if (examples.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>(examples.size() + 1);
        if (examples.stream().allMatch(e -> e.id() == null)) {
            lines.add(examples.size() + (examples.size() == 1 ? " example" : " examples") + ", IDs left out");
        }
        for (AlertExample e : examples) {
            List<String> parts = new ArrayList<>(e.fields().size() + 1);
            if (e.hasAge()) {
                parts.add("age " + DurationText.of(e.ageMillis() / 1000.0));
            }
            for (ExampleField f : e.fields()) {
                parts.add(f.name() + "=" + (f.isNumber() ? formats.apply(f.name()).value(f.number()) : f.text()));
            }
            String fields = String.join(", ", parts);
            lines.add(e.id() == null ? fields : fields.isEmpty() ? e.id() : e.id() + " · " + fields);
        }
        return String.join("\n", lines);
    }
}
