package dev.redflag.scorecard;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * An incident's effect summed over it, in standard errors of the KPI at the series' volume: how
 * much evidence a perfect detector would have by the incident's end. Computed from the model's
 * expected values (base rate, expected volume over the incident's hours), not from the draws.
 */
final class EffectSize {

    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private EffectSize() {
    }

    /** A ratio moving from p0 to p1 over an expected denominator n: |p1 − p0| · √(n / (p0 (1 − p0))). */
    static double ratio(double p0, double p1, double n) {
        return Math.abs(p1 - p0) * Math.sqrt(n / (p0 * (1 - p0)));
    }

    /**
     * NPS (shares P of promoters, D of detractors) moved by {@code points} over n expected answers:
     * |Δ| · √n / sd, with sd² = 100² (P + D) − NPS² the variance of one answer's score.
     */
    static double nps(double promoters, double detractors, double points, double n) {
        double nps = 100 * (promoters - detractors);
        return Math.abs(points) * Math.sqrt(n) / Math.sqrt(100 * 100 * (promoters + detractors) - nps * nps);
    }

    /**
     * A ratio moving from p0 to p1 over an expected denominator n spread over {@code hours}, with the
     * generator's own extra noise: a beta-distributed hourly rate of concentration κ (variance
     * factor 1 + n_h / (κ + 1) on the binomial) and a day-level factor of log-sd σ on the rate
     * ((σ p0)² per day, the incident's days counted as independent). The KPI's real standard error
     * at that volume, which a binomial alone understates at high volume.
     */
    static double ratio(double p0, double p1, double n, double hours, double concentration, double daySigma) {
        double perHour = n / Math.max(1, hours);
        double variance = n * p0 * (1 - p0) * (1 + perHour / (concentration + 1))
                + sq(daySigma * p0 * n) / days(hours);
        return Math.abs(p1 - p0) * n / Math.sqrt(variance);
    }

    /**
     * A count expected at λ over {@code hours}, multiplied by m, with an hourly gamma factor of
     * shape k (variance λ_h² / k per hour) and a day-level factor of log-sd σ.
     */
    static double poisson(double expected, double multiplier, double hours, double shape, double daySigma) {
        double variance = expected + sq(expected) / (shape * Math.max(1, hours)) + sq(daySigma * expected) / days(hours);
        return Math.abs(multiplier - 1) * expected / Math.sqrt(variance);
    }

    private static double days(double hours) {
        return Math.max(1, Math.round(hours / 24));
    }

    private static double sq(double x) {
        return x * x;
    }

    /** NPS moved by {@code points} over n answers spread over {@code hours}, with beta-distributed hourly shares. */
    static double nps(double promoters, double detractors, double points, double n, double hours, double concentration) {
        double perHour = n / Math.max(1, hours);
        return nps(promoters, detractors, points, n) / Math.sqrt(1 + perHour / (concentration + 1));
    }

    /** A Poisson count expected at λ over the incident multiplied by m: |m − 1| · λ / √λ. */
    static double poisson(double expected, double multiplier) {
        return Math.abs(multiplier - 1) * Math.sqrt(expected);
    }

    /**
     * A stall with E SQLs expected while it lasts: P(no SQL) = e^−E, as the z whose upper normal
     * tail has that probability; √(2E) where e^−E underflows (E beyond 700, z beyond 37).
     */
    static double stall(double expected) {
        double p = Math.exp(-expected);
        if (p >= 0.5) {
            return 0;
        }
        if (p < Double.MIN_NORMAL) {
            return Math.sqrt(2 * expected);
        }
        return -STANDARD.inverseCumulativeProbability(p);
    }
}
