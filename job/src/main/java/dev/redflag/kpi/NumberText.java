package dev.redflag.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Decimal numbers as people read them in alerts, the same on every machine: rounded half up,
 * thousands grouped with commas, a point before the decimals, the minus sign U+2212 and no
 * exponent below 10^15. Exact decimal arithmetic ({@link BigDecimal} from the shortest decimal
 * form of the double), so that 0.6667 rounds as 0.6667 and not as 0.66669999.
 */
final class NumberText {

    static final String MINUS = "\u2212";

    /** Where grouped digits stop being readable; above it a number reads as {@code 1.23e18}. */
    private static final double HUGE = 1e15;

    private NumberText() {
    }

    static BigDecimal decimal(double d) {
        return BigDecimal.valueOf(d);
    }

    /** Rounded to whole units: {@code 1,235}. */
    static String integer(BigDecimal x) {
        return plain(x.setScale(0, RoundingMode.HALF_UP), false);
    }

    /** Rounded to {@code decimals} places, trailing zeros kept: {@code 12.40}. */
    static String fixed(BigDecimal x, int decimals) {
        return plain(x.setScale(decimals, RoundingMode.HALF_UP), false);
    }

    /** Rounded to {@code digits} significant digits, trailing zeros dropped: {@code 66.7}, {@code 0.0042}. */
    static String significant(BigDecimal x, int digits) {
        return plain(x.round(new MathContext(digits, RoundingMode.HALF_UP)), true);
    }

    /** A plus before positive numbers, nothing before zero. */
    static String signed(String formatted) {
        if (formatted.startsWith(MINUS) || isZero(formatted)) {
            return formatted;
        }
        return "+" + formatted;
    }

    static boolean isZero(String formatted) {
        for (int i = 0; i < formatted.length(); i++) {
            char c = formatted.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
            if (c == 'e') {
                return true;
            }
        }
        return true;
    }

    private static String plain(BigDecimal rounded, boolean strip) {
        BigDecimal x = rounded;
        if (strip) {
            x = x.stripTrailingZeros();
        }
        if (x.scale() < 0) {
            x = x.setScale(0, RoundingMode.UNNECESSARY);
        }
        String sign = x.signum() < 0 ? MINUS : "";
        BigDecimal abs = x.abs();
        if (abs.compareTo(BigDecimal.valueOf(HUGE)) >= 0) {
            return sign + scientific(abs);
        }
        String digits = abs.toPlainString();
        int point = digits.indexOf('.');
        String whole = point < 0 ? digits : digits.substring(0, point);
        String fraction = point < 0 ? "" : digits.substring(point);
        return sign + grouped(whole) + fraction;
    }

    /** {@code 1.23e18}: three significant digits and a power of ten. */
    private static String scientific(BigDecimal abs) {
        BigDecimal r = abs.round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros();
        int exponent = r.precision() - r.scale() - 1;
        BigDecimal mantissa = r.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }

    private static String grouped(String whole) {
        int n = whole.length();
        if (n <= 3) {
            return whole;
        }
        StringBuilder out = new StringBuilder(n + n / 3);
        int first = n % 3 == 0 ? 3 : n % 3;
        out.append(whole, 0, first);
        for (int i = first; i < n; i += 3) {
            out.append(',').append(whole, i, i + 3);
        }
        return out.toString();
    }
}
