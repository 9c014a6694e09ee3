package dev.redflag.scorecard;

/**
 * The sums of one KPI window over its events' contributions (a to the numerator, b to the
 * denominator), in raw units: Σa, Σb, the events with b ≠ 0 (the sample), and the second moments
 * Σa², Σab, Σb² that the KPI operators carry.
 */
record Sums(double numerator, double denominator, long sample, double numeratorSquares, double crossProducts,
            double denominatorSquares) {

}
