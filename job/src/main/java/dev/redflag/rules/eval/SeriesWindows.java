package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;

/**
 * One series' windows as the shift detector reads them, oldest first and the judged value last:
 * per window its start, the sums {@code a} (numerator) and {@code b} (denominator) and the second
 * moments of the events behind them ({@code aa} = Σa², {@code ab} = Σab, {@code bb} = Σb²).
 *
 * <p>Two kinds of KPI are read. A ratio's numerator and denominator come as they are, and a window
 * that did not report has no denominator, so it is simply absent. A count or a sum is read as a
 * total per window ({@code b} = 1 for every window): a window without events reports nothing, so
 * every window missing between the first and the judged one is filled in as a total of 0, or the
 * baseline of a sparse count would only ever see its busy hours.
 *
 * <p>Moments a KPI value does not carry (NaN) are taken as those of counted events (each event
 * adds 1 or 0 to the numerator and 1 to the denominator): Σa² = Σab = a, Σb² = b.
 */
final class SeriesWindows {

    final boolean ratio;
    final long step;
    final int n;
    final long[] start;
    final double[] a;
    final double[] b;
    final double[] aa;
    final double[] ab;
    final double[] bb;
    /** value / (a / b): the KPI's scale (100 for NPS), 1 for totals. */
    final double scale;
    /** No numerator is negative: counted outcomes or sums of amounts, judged by Poisson tails. */
    final boolean counted;

    private SeriesWindows(boolean ratio, long step, int n) {
        this.ratio = ratio;
        this.step = step;
        this.n = n;
        start = new long[n];
        a = new double[n];
        b = new double[n];
        aa = new double[n];
        ab = new double[n];
        bb = new double[n];
        scale = 1;
        counted = false;
    }

    private SeriesWindows(SeriesWindows w, double scale, boolean signed) {
        ratio = w.ratio;
        step = w.step;
        n = w.n;
        start = w.start;
        a = w.a;
        b = w.b;
        aa = w.aa;
        ab = w.ab;
        bb = w.bb;
        this.scale = scale;
        boolean nonNegative = !signed;
        for (int i = 0; i < n; i++) {
            nonNegative &= !(a[i] < 0);
        }
        counted = nonNegative;
    }

    /**
     * The {@code before} windows of {@code h} older than {@code latest}, then {@code latest}; at
     * most {@code maxWindows} windows back from the latest.
     */
    static SeriesWindows of(SeriesHistory h, int before, KpiValue latest, int maxWindows, boolean signed) {
        long step = latest.windowEnd() - latest.windowStart();
        boolean ratio = latest.isRatio();
        long oldest = latest.windowStart() - (long) maxWindows * step;
        int first = 0;
        while (first < before && h.start(first) < oldest) {
            first++;
        }
        if (ratio) {
            SeriesWindows w = new SeriesWindows(true, step, before - first + 1);
            double scaleSum = 0;
            double scaleWeight = 0;
            for (int i = first; i < before; i++) {
                int k = i - first;
                w.put(k, h.start(i), h.numerator(i), h.denominator(i), h.numeratorSquares(i), h.crossProducts(i),
                        h.denominatorSquares(i));
                if (h.numerator(i) != 0 && h.denominator(i) > 0 && !Double.isNaN(h.value(i))) {
                    scaleSum += h.value(i) * h.denominator(i);
                    scaleWeight += h.numerator(i);
                }
            }
            w.put(w.n - 1, latest.windowStart(), latest.numerator(), latest.denominator(),
                    latest.numeratorSquares(), latest.crossProducts(), latest.denominatorSquares());
            if (latest.numerator() != 0 && latest.denominator() > 0 && !Double.isNaN(latest.value())) {
                scaleSum += latest.value() * latest.denominator();
                scaleWeight += latest.numerator();
            }
            double scale = scaleWeight != 0 ? scaleSum / scaleWeight : 1;
            return new SeriesWindows(w, Double.isFinite(scale) && scale != 0 ? scale : 1, signed);
        }
        long firstStart = first < before ? h.start(first) : latest.windowStart();
        int n = (int) ((latest.windowStart() - firstStart) / step) + 1;
        SeriesWindows w = new SeriesWindows(false, step, n);
        for (int k = 0; k < n; k++) {
            w.put(k, firstStart + k * step, 0, 1, 0, 0, 1);
        }
        for (int i = first; i < before; i++) {
            int k = (int) ((h.start(i) - firstStart) / step);
            if (k >= 0 && k < n && h.start(i) == firstStart + k * step) {
                w.putTotal(k, h.value(i), h.numeratorSquares(i));
            }
        }
        w.putTotal(n - 1, latest.value(), latest.numeratorSquares());
        return new SeriesWindows(w, 1, signed);
    }

    private void put(int k, long windowStart, double num, double den, double squares, double cross,
                     double denominatorSquares) {
        start[k] = windowStart;
        a[k] = num;
        b[k] = den;
        boolean known = !Double.isNaN(squares) && !Double.isNaN(cross) && !Double.isNaN(denominatorSquares);
        aa[k] = known ? squares : num;
        ab[k] = known ? cross : num;
        bb[k] = known ? denominatorSquares : den;
    }

    private void putTotal(int k, double total, double squares) {
        double t = Double.isNaN(total) ? 0 : total;
        a[k] = t;
        aa[k] = Double.isNaN(squares) ? Math.abs(t) : squares;
        ab[k] = t;
    }

    /** Index of the oldest window starting at or after {@code from}. */
    int firstAtOrAfter(long from) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
