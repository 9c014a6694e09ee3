package dev.redflag.cli;

import dev.redflag.kpi.Aggregation;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.Slice;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * KPI values as an aligned text table for people; with slices, each value's row is followed by one
 * row per slice, named in a SLICE column, its value in the KPI's units.
 */
final class KpiTable {

    private static final String[] HEADER = {"WINDOW START", "WINDOW", "KPI", "DIMS", "VALUE", "NUM/DEN", "SAMPLE"};
    private static final String[] SLICED_HEADER = {"WINDOW START", "WINDOW", "KPI", "DIMS", "SLICE", "VALUE",
            "NUM/DEN", "SAMPLE"};

    private final List<KpiValue> values;
    private final KpiCatalog slicesOf;

    KpiTable(List<KpiValue> values) {
        this(values, null);
    }

    /** A table that shows each value's slices, read in the units of {@code catalog}'s KPIs. */
    KpiTable(List<KpiValue> values, KpiCatalog catalog) {
        this.values = values;
        this.slicesOf = catalog;
    }

    void print(PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        for (KpiValue v : values) {
            String[] row = row(v);
            if (slicesOf == null) {
                rows.add(row);
                continue;
            }
            rows.add(withSlice(row, ""));
            KpiSpec spec = slicesOf.spec(v.kpi());
            for (Slice s : v.slices()) {
                rows.add(withSlice(new String[] {row[0], row[1], row[2], row[3], number(sliceValue(spec, s)),
                        v.isRatio() ? number(s.numerator()) + "/" + number(s.denominator()) : "",
                        Long.toString(s.samples())}, s.name()));
            }
        }
        String[] header = slicesOf == null ? HEADER : SLICED_HEADER;
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, header, widths);
        rows.forEach(r -> line(out, r, widths));
        out.printf("%d KPI values%n", values.size());
    }

    private static void line(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length()));
        }
        out.println(sb.toString().stripTrailing());
    }

    private static String[] row(KpiValue v) {
        String dims = v.dims().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String numDen = v.isRatio() ? number(v.numerator()) + "/" + number(v.denominator()) : "";
        return new String[] {Instant.ofEpochMilli(v.windowStart()).toString(), v.window(), v.kpi(),
                dims, number(v.value()), numDen, Long.toString(v.sample())};
    }

    /** A value row with a SLICE cell after DIMS. */
    private static String[] withSlice(String[] row, String slice) {
        String[] out = Arrays.copyOf(row, row.length + 1);
        System.arraycopy(row, 4, out, 5, row.length - 4);
        out[4] = slice;
        return out;
    }

    /** The slice's own value of the KPI: its ratio or mean in the KPI's scale, or its sum. */
    static double sliceValue(KpiSpec spec, Slice s) {
        Aggregation a = spec.aggregation();
        return a == Aggregation.SUM || a == Aggregation.COUNT ? s.numerator() : spec.scale() * s.ratio();
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
