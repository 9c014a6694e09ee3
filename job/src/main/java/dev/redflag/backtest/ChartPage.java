package dev.redflag.backtest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.eval.ChartData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backtest as one self-contained HTML page: a chart of every KPI series that alerted, its
 * firing periods shaded, around each firing the baseline and the band of its rule, with the alerts
 * listed under it (each with the examples its firing showed). No scripts, fonts or network, so it can
 * be attached to a ticket or opened from a CI artifact; a Content-Security-Policy forbids scripts
 * even if some text escaped {@link Html#escape} by mistake. Every event- or user-derived text is
 * escaped.
 */
public final class ChartPage {

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#1f2328}"
            + "h2{font-size:1.05em;font-family:monospace;margin-bottom:.2em}section{margin-bottom:2em}"
            + "p.meta{color:#57606a;margin:.2em 0}ul{margin:.4em 0}";

    private ChartPage() {
    }

    /**
     * @param heading what was backtested, e.g. the events source and the rules version
     * @param values  the backtest's KPI values, in window order
     */
    public static String html(String heading, Timeline timeline, List<KpiValue> values, Peaks peaks,
                              HistorySpan span) {
        return html(heading, timeline, values, peaks, span, Map.of());
    }

    /**
     * @param bands per series, the charts its firings carry: their baselines and bands are drawn
     *              around each firing ({@link #bands})
     */
    public static String html(String heading, Timeline timeline, List<KpiValue> values, Peaks peaks,
                              HistorySpan span, Map<AlertSeries, List<ChartData>> bands) {
        Map<AlertSeries, List<FiringPeriod>> bySeries = new LinkedHashMap<>();
        for (FiringPeriod p : timeline.periods()) {
            bySeries.computeIfAbsent(p.series(), s -> new ArrayList<>()).add(p);
        }
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'\">\n")
                .append("<title>redflag backtest</title>\n<style>").append(STYLE).append("</style>\n</head><body>\n")
                .append("<h1>redflag backtest</h1>\n<p class=\"meta\">").append(Html.escape(heading))
                .append("<br>history ").append(Html.escape(span.toString())).append(": ")
                .append(timeline.periods().size()).append(" firing period")
                .append(timeline.periods().size() == 1 ? "" : "s").append(" on ").append(bySeries.size())
                .append(" series</p>\n");
        if (bySeries.isEmpty()) {
            html.append("<p>No alert fired.</p>\n");
        }
        List<FiringPeriod> uncharted = new ArrayList<>();
        for (Map.Entry<AlertSeries, List<FiringPeriod>> e : bySeries.entrySet()) {
            AlertSeries series = e.getKey();
            List<KpiValue> points = values.stream()
                    .filter(v -> series.contains(v) && Double.isFinite(v.value())).toList();
            if (points.isEmpty()) {
                uncharted.addAll(e.getValue());
                continue;
            }
            html.append("<section>\n<h2>").append(Html.escape(series.title())).append("</h2>\n<p class=\"meta\">")
                    .append("window ").append(Html.escape(series.window())).append(", ").append(points.size())
                    .append(" values</p>\n")
                    .append(SeriesChart.svg(series.title(), points,
                            e.getValue().stream().map(FiringPeriod::period).toList(),
                            bands.getOrDefault(series, List.of())))
                    .append('\n');
            list(html, e.getValue(), peaks, false);
            html.append("</section>\n");
        }
        if (!uncharted.isEmpty()) {
            html.append("<section>\n<h2>Alerts without a KPI series to chart</h2>\n");
            list(html, uncharted, peaks, true);
            html.append("</section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** The charts of the firings among {@code transitions}, by the series they watch. */
    public static Map<AlertSeries, List<ChartData>> bands(List<AlertEvent> transitions, KpiCatalog catalog) {
        Map<AlertSeries, List<ChartData>> bands = new LinkedHashMap<>();
        for (AlertEvent e : transitions) {
            if (e.chart() != null) {
                bands.computeIfAbsent(AlertSeries.of(e, catalog), s -> new ArrayList<>()).add(e.chart());
            }
        }
        return bands;
    }

    private static void list(StringBuilder html, List<FiringPeriod> periods, Peaks peaks, boolean withSeries) {
        html.append("<ul>\n");
        for (FiringPeriod p : periods) {
            html.append("<li><b>").append(Html.escape(p.alert())).append("</b>");
            if (withSeries) {
                html.append(" <code>").append(Html.escape(p.series().title())).append("</code>");
            }
            html.append(" (").append(Html.escape(p.severity() == null ? "" : p.severity())).append(") firing ")
                    .append(Instant.ofEpochMilli(p.start())).append(" .. ")
                    .append(p.isOpen() ? "still firing" : Instant.ofEpochMilli(p.end()).toString())
                    .append(", peak ").append(Html.escape(peaks.text(p)));
            for (String note : p.notes()) {
                html.append(", ").append(Html.escape(note));
            }
            if (!p.examples().isEmpty()) {
                html.append("<br>examples:<ul class=\"examples\">");
                p.examples().forEach(line -> html.append("<li><code>").append(Html.escape(line)).append("</code></li>"));
                html.append("</ul>");
            }
            html.append("</li>\n");
        }
        html.append("</ul>\n");
    }
}
