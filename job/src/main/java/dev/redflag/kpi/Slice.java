package dev.redflag.kpi;

/**
 * One slice of a KPI series in one window: the part of its numerator and denominator that comes
 * from events with the given values of the dimensions the KPI may be sliced by. The slices of a
 * window partition it along one dimension (or one pair), so their sums add up to the series'
 * own; what falls outside the kept slices is summed into one named {@link #OTHER}.
 *
 * <p>The second moments are those of {@link Contribution}: they let the detection code give a
 * slice the same variance model as its series (binomial or NPS mix or Poisson) without its events.
 *
 * @param name               the slice in dimension order, {@code channel=paid} or
 *                           {@code channel=paid,device=mobile}; {@code channel=other} for the rest
 * @param numerator          Σ a over the slice's events (for counts and sums the value itself)
 * @param denominator        Σ b over the slice's events
 * @param samples            events behind it
 * @param numeratorSquares   Σ a²
 * @param crossProducts      Σ a·b
 * @param denominatorSquares Σ b²
 */
public record Slice(String name, double numerator, double denominator, long samples,
                    double numeratorSquares, double crossProducts, double denominatorSquares) {

    /** The value of {@code name} for the slices that were not kept one by one. */
    public static final String OTHER = "other";

    /** The slice's KPI value in raw units (before the KPI's scale): numerator / denominator. */
    public double ratio() {
        return numerator / denominator;
    }
}
