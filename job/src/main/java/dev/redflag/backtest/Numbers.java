package dev.redflag.backtest;

import java.util.Locale;

/** How backtest reports print KPI values: whole numbers bare, others to four decimals, none as –. */
final class Numbers {

    private Numbers() {
    }

    static String format(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
