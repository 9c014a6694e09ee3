package dev.redflag.kpi;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the numbers of one KPI read for people, from its {@link KpiSpec#unit() unit}: a ratio as a
 * percentage ({@code 66.7%}) and its changes in percentage points ({@code +21 points}), NPS-like
 * {@code points} as a signed whole score ({@code +32}), money with its currency ({@code €12.40},
 * {@code 12.40 EUR}), hours and other time units as durations ({@code 1d 4h}), counts whole with
 * thousands grouped, anything else to four significant digits with its unit; other changes
 * relative, {@code ×2.1} from twice the baseline up, {@code −35%} below. The same text in every
 * locale; NaN reads as "". Raw numbers stay raw wherever machines read them.
 *
 * @param kind   how the numbers read
 * @param factor ratio: the KPI's scale (the value of 100%); duration: seconds per unit; else 1
 * @param unit   currency: its code or symbol ("" for none); value: the unit written after the
 *               number ("" for none); else ""
 */
public record KpiFormat(Kind kind, double factor, String unit) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Numbers of unknown meaning: four significant digits, changes relative. */
    public static final KpiFormat PLAIN = new KpiFormat(Kind.VALUE, 1, "");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final Set<String> CURRENCY_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    public enum Kind {
        /** a share: 0.6667 reads 66.7%, changes in percentage points */
        RATIO,
        /** a score in points such as NPS: a signed whole number, changes in points */
        POINTS,
        /** money: two decimals under 1,000, whole above, with its currency */
        CURRENCY,
        /** time: 45 min, 3h, 1d 4h */
        DURATION,
        /** how many: whole numbers, thousands grouped */
        COUNT,
        /** anything else: four significant digits and the unit as written */
        VALUE
    }

    public KpiFormat {
        unit = unit == null ? "" : unit.strip();
    }

    /**
     * The format of a KPI of the catalog.
     *
     * @param currency what {@code unit: currency} is shown with: an ISO code ({@code EUR}) or a
     *                 symbol ({@code €}); null or "" for none
     */
    public static KpiFormat of(KpiSpec spec, String currency) {
        String unit = spec.unit() == null ? "" : spec.unit().strip();
        String word = unit.toLowerCase(Locale.ROOT);
        return switch (word) {
            case "ratio" -> new KpiFormat(Kind.RATIO, spec.scale() > 0 ? spec.scale() : 1, "");
            case "percent", "%" -> new KpiFormat(Kind.RATIO, 100, "");
            case "points" -> new KpiFormat(Kind.POINTS, 1, "");
            case "currency" -> new KpiFormat(Kind.CURRENCY, 1, currency);
            case "count" -> new KpiFormat(Kind.COUNT, 1, "");
            case "days", "day", "d" -> new KpiFormat(Kind.DURATION, 86_400, "");
            case "hours", "hour", "h" -> new KpiFormat(Kind.DURATION, 3_600, "");
            case "minutes", "minute", "min" -> new KpiFormat(Kind.DURATION, 60, "");
            case "seconds", "second", "s" -> new KpiFormat(Kind.DURATION, 1, "");
            case "milliseconds", "ms" -> new KpiFormat(Kind.DURATION, 0.001, "");
            case "", "value" -> PLAIN;
            default -> CURRENCY_CODES.contains(unit)
                    ? new KpiFormat(Kind.CURRENCY, 1, unit) : new KpiFormat(Kind.VALUE, 1, unit);
        };
    }

    /**
     * How a numeric field of an event reads where it is shown beside an example: the money fields
     * of the event schema ({@code mrr}, {@code revenue}, {@code amount}, {@code margin},
     * {@code cost}) with {@code currency}, {@code duration_s} as a duration, the counts
     * ({@code pageviews}, {@code impressions}, {@code clicks}) as counts, anything else plain.
     */
    public static KpiFormat ofEventField(String field, String currency) {
        return switch (field) {
            case "mrr", "revenue", "amount", "margin", "cost" -> new KpiFormat(Kind.CURRENCY, 1, currency);
            case "duration_s" -> new KpiFormat(Kind.DURATION, 1, "");
            case "pageviews", "impressions", "clicks" -> new KpiFormat(Kind.COUNT, 1, "");
            default -> PLAIN;
        };
    }

    /** A value, {@code 66.7%}; "" for NaN. */
    public String value(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : NumberText.MINUS + "∞";
        }
        return switch (kind) {
            case RATIO -> percent(percentOf(v)) + "%";
            case POINTS -> NumberText.signed(NumberText.integer(NumberText.decimal(v)));
            case CURRENCY -> money(NumberText.decimal(v));
            case DURATION -> DurationText.of(v * factor);
            case COUNT -> count(NumberText.decimal(v));
            case VALUE -> withUnit(plain(NumberText.decimal(v)));
        };
    }

    /**
     * How {@code value} differs from {@code baseline}: {@code +21 points} for ratios and points,
     * else {@code ×2.1} or {@code −35%} ({@code ±0%} when equal); "" when either is unknown or a
     * relative change has no meaning (a baseline of 0 under a value that is not).
     */
    public String change(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline) || Double.isInfinite(value) || Double.isInfinite(baseline)) {
            return "";
        }
        return switch (kind) {
            case RATIO -> points(percentOf(value).subtract(percentOf(baseline)), false);
            case POINTS -> points(NumberText.decimal(value).subtract(NumberText.decimal(baseline)), true);
            default -> relative(value, baseline);
        };
    }

    /** Value, baseline and change together. */
    public ValueText texts(double value, double baseline) {
        return new ValueText(value(value), value(baseline), change(value, baseline));
    }

    private BigDecimal percentOf(double v) {
        BigDecimal x = NumberText.decimal(v);
        return factor == 1 ? x.movePointRight(2)
                : x.multiply(HUNDRED).divide(NumberText.decimal(factor), MathContext.DECIMAL64);
    }

    /** Three significant digits below 100%, whole percent from there: 66.7, 0.42, 150. */
    private static String percent(BigDecimal p) {
        return p.abs().compareTo(HUNDRED) >= 0 ? NumberText.integer(p) : NumberText.significant(p, 3);
    }

    /** Whole points from 10 up, two significant digits below: +21, −5.2, +0.08. */
    private static String points(BigDecimal difference, boolean whole) {
        String number = whole || difference.abs().compareTo(BigDecimal.TEN) >= 0
                ? NumberText.integer(difference) : NumberText.significant(difference, 2);
        if (NumberText.isZero(number)) {
            return "±0 points";
        }
        boolean one = number.equals("1") || number.equals(NumberText.MINUS + "1");
        return NumberText.signed(number) + (one ? " point" : " points");
    }

    private static String relative(double value, double baseline) {
        if (baseline == 0) {
            return value == 0 ? "±0%" : "";
        }
        if (baseline > 0 && value >= 2 * baseline) {
            BigDecimal factor = NumberText.decimal(value).divide(NumberText.decimal(baseline), MathContext.DECIMAL64);
            return "×" + (factor.compareTo(BigDecimal.TEN) >= 0 ? NumberText.integer(factor)
                    : NumberText.fixed(factor, 1));
        }
        BigDecimal percent = NumberText.decimal(value).subtract(NumberText.decimal(baseline)).multiply(HUNDRED)
                .divide(NumberText.decimal(Math.abs(baseline)), MathContext.DECIMAL64);
        String number = percent.abs().compareTo(BigDecimal.TEN) >= 0 ? NumberText.integer(percent)
                : NumberText.significant(percent, 2);
        return NumberText.isZero(number) ? "±0%" : NumberText.signed(number) + "%";
    }

    /** Two decimals under 1,000 (two significant digits for less than a cent), whole from there. */
    private String money(BigDecimal x) {
        BigDecimal abs = x.abs();
        String number;
        if (abs.compareTo(THOUSAND) >= 0) {
            number = NumberText.integer(abs);
        } else if (abs.signum() != 0 && abs.compareTo(new BigDecimal("0.005")) < 0) {
            number = NumberText.significant(abs, 2);
        } else {
            number = NumberText.fixed(abs, 2);
        }
        String sign = x.signum() < 0 && !NumberText.isZero(number) ? NumberText.MINUS : "";
        if (unit.isEmpty()) {
            return sign + number;
        }
        return isCode(unit) ? sign + number + " " + unit : sign + unit + number;
    }

    /** Whole from 100 up or when whole, else two significant digits: 12, 2.5, 0.04. */
    private static String count(BigDecimal x) {
        boolean whole = x.stripTrailingZeros().scale() <= 0;
        return whole || x.abs().compareTo(HUNDRED) >= 0 ? NumberText.integer(x) : NumberText.significant(x, 2);
    }

    /** Four significant digits under 1,000, whole from there: 0.6667, 12.35, 12,346. */
    private static String plain(BigDecimal x) {
        return x.abs().compareTo(THOUSAND) >= 0 ? NumberText.integer(x) : NumberText.significant(x, 4);
    }

    private String withUnit(String number) {
        return unit.isEmpty() ? number : number + " " + unit;
    }

    /** {@code EUR}, {@code USD}: letters, written after the amount; anything else is a symbol before it. */
    private static boolean isCode(String currency) {
        if (currency.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = currency.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }
}
