package dev.redflag.cli;

import dev.redflag.kpi.KpiValue;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** KPI values as an aligned text table for people. */
final class KpiTable {

    private static final String[] HEADER = {"WINDOW START", "WINDOW", "KPI", "DIMS", "VALUE", "NUM/DEN", "SAMPLE"};

    private final List<KpiValue> values;

    KpiTable(List<KpiValue> values) {
        this.values = values;
    }

    void print(PrintWriter out) {
        List<String[]> rows = values.stream().map(KpiTable::row).collect(Collectors.toList());
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, HEADER, widths);
        rows.forEach(r -> line(out, r, widths));
        out.printf("%d KPI values%n", rows.size());
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

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
