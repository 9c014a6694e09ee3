package dev.redflag.scorecard;

import dev.redflag.backtest.TextTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The scorecard's tallies by KPI and volume, and of all scenarios, as a table, Markdown or CSV. */
final class ScorecardReport {

    private static final String[] HEADER = {"KPI", "volume", "incidents", "detected", "≥5 SE detected",
        "median TTD", "TTD/length", "false/100 series-days", "false in incident runs", "warm-up firings"};

    private static final String[] LENGTH_HEADER = {"incident length", "incidents", "detected", "≥5 SE detected",
        "median TTD", "TTD/length"};

    private final List<Tally> rows;
    private final List<Tally> byLength;
    private final Tally all;

    private ScorecardReport(List<Tally> rows, List<Tally> byLength, Tally all) {
        this.rows = rows;
        this.byLength = byLength;
        this.all = all;
    }

    /** Rows in the order the outcomes first name each KPI and volume. */
    static ScorecardReport of(List<Outcome> outcomes) {
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            groups.computeIfAbsent(o.scenario().model().kpi() + '\u001f' + o.scenario().volume().label(),
                    k -> new ArrayList<>()).add(o);
        }
        List<Tally> rows = new ArrayList<>();
        groups.forEach((key, list) -> rows.add(Tally.of(list.get(0).scenario().model().kpi(),
                list.get(0).scenario().volume().label(), list)));
        Map<String, List<Outcome>> lengths = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (!o.scenario().quiet()) {
                lengths.computeIfAbsent(Lengths.label(o.scenario().length()), k -> new ArrayList<>()).add(o);
            }
        }
        List<Tally> byLength = new ArrayList<>();
        lengths.forEach((length, list) -> byLength.add(Tally.of("all", length, list)));
        return new ScorecardReport(rows, byLength, Tally.of("all", "", outcomes));
    }

    /** The incidents by length, of every KPI and volume: the time to detect against each length. */
    List<Tally> byLength() {
        return byLength;
    }

    List<Tally> rows() {
        return rows;
    }

    Tally all() {
        return all;
    }

    Targets targets() {
        return new Targets(all, byLength);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        text(HEADER, cells(), out);
        if (!byLength.isEmpty()) {
            out.append('\n');
            text(LENGTH_HEADER, lengthCells(), out);
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        markdown(HEADER, 2, cells(), out);
        if (!byLength.isEmpty()) {
            out.append('\n');
            markdown(LENGTH_HEADER, 1, lengthCells(), out);
        }
        return out.toString();
    }

    private static void text(String[] header, List<String[]> rows, StringBuilder out) {
        TextTable table = new TextTable(header);
        rows.forEach(table::row);
        table.appendTo(out);
    }

    /** A Markdown table, its first {@code textColumns} left-aligned and the figures right-aligned. */
    private static void markdown(String[] header, int textColumns, List<String[]> rows, StringBuilder out) {
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(textColumns)).append("---:|".repeat(header.length - textColumns))
                .append('\n');
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
    }

    private List<String[]> lengthCells() {
        List<String[]> out = new ArrayList<>();
        for (Tally t : byLength) {
            String[] all = cells(t);
            out.add(new String[] {t.volume(), all[2], all[3], all[4], all[5], all[6]});
        }
        return out;
    }

    /** Plain numbers, one row per KPI and volume and one for all: for spreadsheets and scripts. */
    String csv() {
        StringBuilder out = new StringBuilder("kpi,volume,incidents,detected,strong_incidents,strong_detected,"
                + "median_ttd_hours,median_ttd_share,false_alerts_quiet,quiet_series_days,"
                + "false_alerts_per_100_series_days,false_alerts_incident_runs,warm_up_firings\n");
        List<Tally> all = new ArrayList<>(rows);
        all.add(this.all);
        for (Tally t : all) {
            out.append(String.join(",", t.kpi(), t.volume(), Integer.toString(t.incidents()),
                    Integer.toString(t.detected()), Integer.toString(t.strong()), Integer.toString(t.strongDetected()),
                    plain(t.medianTimeToDetectHours()), plain(t.medianTimeToDetectShare()),
                    Long.toString(t.quietFalseAlerts()), plain(t.quietDays()), plain(t.falseAlertsPer100SeriesDays()),
                    Long.toString(t.incidentFalseAlerts()), Long.toString(t.warmUpFirings()))).append('\n');
        }
        return out.toString();
    }

    private List<String[]> cells() {
        List<String[]> out = new ArrayList<>();
        rows.forEach(t -> out.add(cells(t)));
        out.add(cells(all));
        return out;
    }

    private static String[] cells(Tally t) {
        return new String[] {t.kpi(), t.volume(), Integer.toString(t.incidents()), Integer.toString(t.detected()),
            t.strong() == 0 ? "–" : t.strongDetected() + "/" + t.strong() + " " + percent(t.strongDetectionRate()),
            hours(t.medianTimeToDetectHours()), share(t.medianTimeToDetectShare()),
            number(t.falseAlertsPer100SeriesDays()), Long.toString(t.incidentFalseAlerts()),
            Long.toString(t.warmUpFirings())};
    }

    static String percent(double rate) {
        return Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * rate);
    }

    static String share(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.2f", share);
    }

    static String number(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.2f", d);
    }

    /** Hours below two days, days above: 3h, 4.5h, 2.3d. */
    static String hours(double h) {
        if (Double.isNaN(h)) {
            return "–";
        }
        if (h < 48) {
            return (h == Math.rint(h) ? Long.toString((long) h) : String.format(Locale.ROOT, "%.1f", h)) + "h";
        }
        return String.format(Locale.ROOT, "%.1fd", h / 24);
    }

    private static String plain(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d);
    }
}
