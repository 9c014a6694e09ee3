package dev.redflag.kpi;

/** How a windowed KPI turns its accumulated sums into one value. */
public enum Aggregation {
    /** numerator / denominator; no value while the denominator is 0. */
    RATIO,
    /** sum of the numerator. */
    SUM,
    /** number of matching events (numerator counts 1 per event). */
    COUNT,
    /** numerator / number of samples. */
    MEAN,
    MIN,
    MAX,
    /** the value of the latest event by event time. */
    LAST;

    public boolean isRatio() {
        return this == RATIO;
    }
}
