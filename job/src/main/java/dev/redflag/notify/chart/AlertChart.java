package dev.redflag.notify.chart;

import dev.redflag.alert.AlertEvent;
import dev.redflag.rules.eval.ChartData;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.ToDoubleFunction;

/**
 * Draws a {@link ChartData} as a PNG, with JFreeChart, headless: the KPI's values, the baseline
 * the rule compared them with, the limits beyond which it fires (dashed), and the stretch that
 * fired shaded. Times in UTC, ratios on a percent axis. A pure function of its input: the same
 * chart goes to Slack and into backtest reports.
 */
public final class AlertChart {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 360;

    static final Color VALUE = new Color(0x1f, 0x77, 0xb4);
    static final Color BASELINE = new Color(0x7f, 0x7f, 0x7f);
    static final Color LIMIT = new Color(0xd6, 0x27, 0x28);
    static final Color FIRING = new Color(0xd6, 0x27, 0x28, 0x30);

    /** Labels every alert has, which tell nothing of its series. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("alertname", "severity", "kpi", "window");

    static {
        // a job or CLI on a server has no display: AWT must not look for one
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private AlertChart() {
    }

    /** The chart of a firing that carries one, titled with its KPI, series and alert; null for one without. */
    public static byte[] png(AlertEvent e) {
        return e.chart() == null ? null : png(e.chart(), title(e), subtitle(e));
    }

    /** {@code bounce_rate on page=/pricing}: the KPI and the labels that tell its series. */
    public static String title(AlertEvent e) {
        StringBuilder series = new StringBuilder();
        e.labels().forEach((name, value) -> {
            if (!RESERVED.contains(name)) {
                series.append(series.isEmpty() ? " on " : ", ").append(name).append('=').append(value);
            }
        });
        return e.kpi() + series;
    }

    /** {@code BounceRising (1h windows)}. */
    static String subtitle(AlertEvent e) {
        return e.alertname() + " (" + e.window() + " windows)";
    }

    /**
     * The chart as PNG bytes, {@link #WIDTH} × {@link #HEIGHT}.
     *
     * @param title    e.g. {@code BounceRate on page=/pricing}
     * @param subtitle e.g. the alert's name and the rule's condition; null for none
     */
    public static byte[] png(ChartData data, String title, String subtitle) {
        return png(data, title, subtitle, WIDTH, HEIGHT);
    }

    public static byte[] png(ChartData data, String title, String subtitle, int width, int height) {
        JFreeChart chart = chart(data, title, subtitle);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JFreeChart chart(ChartData data, String title, String subtitle) {
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        BasicStroke dashed = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0);
        if (add(lines, series("value", data, ChartData.Point::value))) {
            int i = lines.getSeriesCount() - 1;
            renderer.setSeriesPaint(i, VALUE);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
            renderer.setSeriesShapesVisible(i, true);
            renderer.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        if (add(lines, series("baseline", data, ChartData.Point::baseline))) {
            int i = lines.getSeriesCount() - 1;
            renderer.setSeriesPaint(i, BASELINE);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        for (XYSeries limit : new XYSeries[] {series("fires below", data, ChartData.Point::lower),
                series("fires above", data, ChartData.Point::upper)}) {
            if (add(lines, limit)) {
                int i = lines.getSeriesCount() - 1;
                renderer.setSeriesPaint(i, LIMIT);
                renderer.setSeriesStroke(i, dashed);
            }
        }

        DateAxis time = new DateAxis("UTC");
        SimpleDateFormat hours = new SimpleDateFormat("MMM d HH:mm", Locale.ROOT);
        hours.setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setDateFormatOverride(hours);
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        NumberAxis values = new NumberAxis(data.percent() ? "percent" : data.unit() == null ? "" : data.unit());
        values.setAutoRangeIncludesZero(false);
        if (data.percent()) {
            NumberFormat percent = NumberFormat.getPercentInstance(Locale.ROOT);
            percent.setMaximumFractionDigits(1);
            values.setNumberFormatOverride(percent);
        } else {
            values.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        }

        XYPlot plot = new XYPlot(lines, time, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        if (data.firingEnd() > data.firingStart()) {
            IntervalMarker firing = new IntervalMarker(data.firingStart(), data.firingEnd(), FIRING);
            firing.setLabel("fired");
            firing.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            firing.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            firing.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
            firing.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 4));
            plot.addDomainMarker(firing, org.jfree.chart.ui.Layer.BACKGROUND);
        }

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (subtitle != null && !subtitle.isBlank()) {
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        }
        return chart;
    }

    /** Adds a line that has at least one number; the legend names no empty line. */
    private static boolean add(XYSeriesCollection lines, XYSeries s) {
        for (int i = 0; i < s.getItemCount(); i++) {
            if (s.getY(i) != null) {
                lines.addSeries(s);
                return true;
            }
        }
        return false;
    }

    /** One line, drawn at each window's middle; a NaN leaves a gap. */
    private static XYSeries series(String name, ChartData data, ToDoubleFunction<ChartData.Point> y) {
        XYSeries s = new XYSeries(name, false, true);
        long half = data.stepMillis() / 2;
        for (ChartData.Point p : data.points()) {
            double v = y.applyAsDouble(p);
            s.add(p.start() + half, Double.isNaN(v) ? null : v);
        }
        return s;
    }
}
