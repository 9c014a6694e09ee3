package dev.redflag.backtest;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.eval.ChartData;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One KPI series as an inline SVG line chart with its alert periods shaded, so a backtest report
 * opens in any browser with no scripts, fonts or network. Text that came from events (dims) is
 * escaped before it reaches the markup.
 */
public final class SeriesChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 220;
    private static final int PAD_LEFT = 60;
    private static final int PAD_RIGHT = 10;
    private static final int PAD_TOP = 24;
    private static final int PAD_BOTTOM = 28;
    private static final String LIMIT = "stroke=\"#cf222e\" stroke-width=\"1.2\" stroke-dasharray=\"5,3\"";

    private SeriesChart() {
    }

    /** SVG of the values (in window order) with the alert periods shaded; title names the series. */
    public static String svg(String title, List<KpiValue> values, List<AlertPeriod> periods) {
        return svg(title, values, periods, List.of());
    }

    /**
     * The same with, around each firing, the baseline its rule compared the values with (grey) and
     * the limits beyond which it fires (dashed red), from the charts the firings carry.
     */
    public static String svg(String title, List<KpiValue> values, List<AlertPeriod> periods, List<ChartData> bands) {
        if (values.isEmpty()) {
            return "";
        }
        long t0 = values.get(0).windowEnd();
        long t1 = values.get(values.size() - 1).windowEnd();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (KpiValue v : values) {
            lo = Math.min(lo, v.value());
            hi = Math.max(hi, v.value());
        }
        for (ChartData band : bands) {
            for (ChartData.Point p : band.points()) {
                long end = p.start() + band.stepMillis();
                if (end >= t0 && end <= t1) {
                    for (double y : new double[] {p.baseline(), p.lower(), p.upper()}) {
                        if (Double.isFinite(y)) {
                            lo = Math.min(lo, y);
                            hi = Math.max(hi, y);
                        }
                    }
                }
            }
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        Scale x = new Scale(t0, Math.max(t1, t0 + 1), PAD_LEFT, WIDTH - PAD_RIGHT);
        Scale y = new Scale(lo, hi, HEIGHT - PAD_BOTTOM, PAD_TOP);
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.append("<text x=\"").append(PAD_LEFT).append("\" y=\"14\" font-weight=\"bold\">")
                .append(Html.escape(title)).append("</text>");
        for (AlertPeriod p : periods) {
            double from = x.at(Math.max(p.start(), t0));
            double to = x.at(p.isOpen() ? t1 : Math.min(p.end(), t1));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#e5534b\" fill-opacity=\"0.2\">"
                            + "<title>%s firing %s .. %s</title></rect>",
                    from, PAD_TOP, Math.max(1, to - from), HEIGHT - PAD_TOP - PAD_BOTTOM, Html.escape(p.alert()),
                    Instant.ofEpochMilli(p.start()), p.isOpen() ? "end of history" : Instant.ofEpochMilli(p.end())));
        }
        for (ChartData band : bands) {
            line(svg, band, ChartData.Point::baseline, x, y, t0, t1, "stroke=\"#8c959f\" stroke-width=\"1.2\"");
            line(svg, band, ChartData.Point::lower, x, y, t0, t1, LIMIT);
            line(svg, band, ChartData.Point::upper, x, y, t0, t1, LIMIT);
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"1.5\" points=\"");
        for (KpiValue v : values) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.at(v.windowEnd()), y.at(v.value())));
        }
        svg.append("\"/>");
        svg.append(axisLabel(PAD_LEFT - 4, y.at(hi) + 4, hi)).append(axisLabel(PAD_LEFT - 4, y.at(lo), lo));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", PAD_LEFT, HEIGHT - 8,
                Instant.ofEpochMilli(t0)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                WIDTH - PAD_RIGHT, HEIGHT - 8, Instant.ofEpochMilli(t1)));
        return svg.append("</svg>").toString();
    }

    /** One line of a firing's chart, at window ends like the values, broken where it has no number. */
    private static void line(StringBuilder svg, ChartData band, ToDoubleFunction<ChartData.Point> value, Scale x,
                             Scale y, long t0, long t1, String style) {
        StringBuilder points = new StringBuilder();
        for (ChartData.Point p : band.points()) {
            long end = p.start() + band.stepMillis();
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v) && end >= t0 && end <= t1) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.at(end), y.at(v)));
            } else {
                flush(svg, points, style);
            }
        }
        flush(svg, points, style);
    }

    private static void flush(StringBuilder svg, StringBuilder points, String style) {
        if (points.length() > 0) {
            svg.append("<polyline fill=\"none\" ").append(style).append(" points=\"").append(points).append("\"/>");
            points.setLength(0);
        }
    }

    private static String axisLabel(double x, double y, double value) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", x, y,
                Html.escape(String.format(Locale.ROOT, "%.4g", value)));
    }

    /** Linear map from data to pixels. */
    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
