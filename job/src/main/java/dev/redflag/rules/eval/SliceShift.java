package dev.redflag.rules.eval;

/**
 * A slice that moved in the window judged, or in a pooled stretch ending with it: what the alert on its parent series names.
 *
 * @param slice    its name, {@code channel=paid,device=mobile}
 * @param value    its value in the window, in the KPI's unit (rate × scale; a total for counts)
 * @param baseline what its baseline expected, in the same unit
 * @param change   relative change of value against baseline, in percent
 * @param units    its denominator in the window (1 for counts and sums)
 * @param z        its evidence in the rule's direction, as the series' own z
 * @param span     the pooled resolution that showed it, in milliseconds; 0 for the window alone
 */
public record SliceShift(String slice, double value, double baseline, double change, double units, double z,
                         long span) {

    /** Moved in the window alone. */
    public SliceShift(String slice, double value, double baseline, double change, double units, double z) {
        this(slice, value, baseline, change, units, z, 0);
    }
}
