package dev.redflag.kpi;

/**
 * Running sums of one combination of slice values in one window: what {@link Slice} reports, kept
 * mutable so that a contribution adds to it in place.
 */
public final class SliceSums {
    double numerator;
    double denominator;
    long samples;
    double numeratorSquares;
    double crossProducts;
    double denominatorSquares;

    SliceSums() {
    }

    SliceSums(double numerator, double denominator, long samples, double numeratorSquares, double crossProducts,
              double denominatorSquares) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.samples = samples;
        this.numeratorSquares = numeratorSquares;
        this.crossProducts = crossProducts;
        this.denominatorSquares = denominatorSquares;
    }

    void add(double num, double den, long count, double numSquares, double cross, double denSquares) {
        numerator += num;
        denominator += den;
        samples += count;
        numeratorSquares += numSquares;
        crossProducts += cross;
        denominatorSquares += denSquares;
    }

    void add(SliceSums other) {
        add(other.numerator, other.denominator, other.samples, other.numeratorSquares, other.crossProducts,
                other.denominatorSquares);
    }

    SliceSums copy() {
        return new SliceSums(numerator, denominator, samples, numeratorSquares, crossProducts, denominatorSquares);
    }

    Slice toSlice(String name) {
        return new Slice(name, numerator, denominator, samples, numeratorSquares, crossProducts, denominatorSquares);
    }
}
