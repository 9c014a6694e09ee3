package dev.redflag.backtest;

import java.util.ArrayList;
import java.util.List;

/** Rows of text cells as aligned columns, two spaces apart, for terminals and CI logs. */
public final class TextTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = header;
    }

    public TextTable row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("expected " + header.length + " cells, got " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    public void appendTo(StringBuilder out) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, header, widths);
        rows.forEach(r -> line(out, r, widths));
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length()));
        }
        out.append(sb.toString().stripTrailing()).append('\n');
    }
}
