package dev.redflag.rules.eval;

import java.util.List;

/**
 * What a chart of a series around an alert shows, numbers only: the last windows' values, the
 * baseline the rule compared them with, the band outside which the rule fires, and the stretch
 * whose change fired it. Made by {@link RuleChart} where the alert is made, carried on the firing
 * transition, drawn by whoever delivers it. Small on purpose (at most {@link RuleChart#WINDOWS}
 * points), since it travels in every firing event of the alerts topic.
 *
 * @param unit        what the values measure ({@code ratio} draws them as percentages)
 * @param stepMillis  window length
 * @param firingStart start of the stretch whose change fired the alert
 * @param firingEnd   its end: the judged window's end
 * @param points      oldest first
 */
public record ChartData(String unit, long stepMillis, long firingStart, long firingEnd, List<Point> points) {

    public ChartData {
        points = List.copyOf(points);
    }

    /**
     * One window. NaN where a number is not known: a window without value, a rule without
     * baseline, a side on which the rule never fires.
     *
     * @param start    window start
     * @param value    the KPI value
     * @param baseline what the rule expected
     * @param lower    the rule fires below this
     * @param upper    the rule fires above this
     */
    public record Point(long start, double value, double baseline, double lower, double upper) {

        /** Numbers kept to 6 significant digits: a chart needs no more, and every firing carries them. */
        public Point {
            value = round(value);
            baseline = round(baseline);
            lower = round(lower);
            upper = round(upper);
        }

        private static double round(double x) {
            if (!Double.isFinite(x) || x == 0) {
                return x;
            }
            return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).doubleValue();
        }
    }

    /** Whether the values are ratios, drawn as percentages. */
    public boolean percent() {
        return "ratio".equals(unit);
    }
}
