package dev.redflag.rules.eval;

/**
 * How a KPI's slices vary, which decides their statistics: a ratio (numerator over denominator,
 * variance per unit of denominator from the moments) or a total per window (counts and sums,
 * variance Σa²); counted (no event subtracts: bounce, conversion, orders, revenue), judged by
 * Poisson tails, or signed (NPS detractors, NGR's wins), judged by the normal approximation.
 *
 * @param ratio   numerator / denominator rather than a total per window
 * @param counted no numerator is negative
 */
public record SliceKind(boolean ratio, boolean counted) {

    /** Bounce, conversion, open rate, MQL→SQL, ARPU: the binomial or its overdispersed kin. */
    public static final SliceKind RATIO = new SliceKind(true, true);
    /** NPS: the promoter/passive/detractor mix, by the normal approximation. */
    public static final SliceKind SIGNED_RATIO = new SliceKind(true, false);
    /** Orders, sessions, leads, revenue: a Poisson total with the events' sizes (Σa²). */
    public static final SliceKind TOTAL = new SliceKind(false, true);
    /** A sum whose events may subtract (NGR). */
    public static final SliceKind SIGNED_TOTAL = new SliceKind(false, false);

    /** The kind of a KPI value ({@code isRatio}) under a shift condition ({@code signed}). */
    public static SliceKind of(boolean ratio, boolean signed) {
        return new SliceKind(ratio, !signed);
    }
}
