package dev.redflag.rules.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers in judgement reasons: short, locale-free and the same on every JVM. */
final class Show {

    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

    private Show() {
    }

    /** Four significant digits, no exponent, no trailing zeros: 0.31, 38.71, 1200. */
    static String num(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** Like {@link #num} with a sign: +0.02, -1.5. */
    static String signed(double x) {
        return x > 0 ? "+" + num(x) : num(x);
    }

    /** A percentage with one decimal: 38.7. */
    static String pct(double percent) {
        if (Double.isNaN(percent) || Double.isInfinite(percent)) {
            return num(percent);
        }
        return num(Math.round(percent * 10) / 10.0);
    }
}
