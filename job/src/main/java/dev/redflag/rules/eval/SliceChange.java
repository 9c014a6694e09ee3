package dev.redflag.rules.eval;

/**
 * One slice's part in a change of its parent, against the baseline. Raw numbers, in raw units
 * (rates before the KPI's scale); {@link Explanation#lines} words them.
 *
 * @param slice             its name, {@code channel=paid,device=mobile}
 * @param baselineValue     its baseline rate (ratios; seasonally adjusted like the parent's) or total
 *                          per window (counts and sums)
 * @param currentValue      its rate or total in the window
 * @param baselineShare     its share of the parent's denominator in the baseline (of the total, for
 *                          counts and sums)
 * @param currentShare      the same in the window
 * @param rateEffect        its part of the parent's change from its own rate: w0 · (p1 − p0); for
 *                          counts and sums its change in total
 * @param mixEffect         its part from its share of traffic: (w1 − w0) · (p1 − R0), R0 the parent's
 *                          baseline; 0 for counts and sums
 * @param explanatoryPower  (rate + mix effect) / the parent's change: 1 when it explains all of it
 * @param surprise          Jensen–Shannon divergence (bits) between its baseline and current shares,
 *                          of the numerator and, for ratios, plus that of the denominator
 */
public record SliceChange(String slice, double baselineValue, double currentValue, double baselineShare,
                          double currentShare, double rateEffect, double mixEffect, double explanatoryPower,
                          double surprise) {

    /** Whether its part comes mostly from its share of traffic rather than its rate. */
    public boolean mostlyMix() {
        return Math.abs(mixEffect) > Math.abs(rateEffect);
    }
}
