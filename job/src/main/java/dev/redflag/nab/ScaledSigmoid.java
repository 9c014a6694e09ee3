package dev.redflag.nab;

/**
 * NAB's scaled sigmoid, which weighs a detection by where it falls relative to a window:
 * {@code 2 / (1 + e^(5y)) - 1}, and -1 beyond {@code y > 3}. It runs from about +1 at y = -1 (the
 * first row of a window) through 0 at its end to -1 well after it.
 */
public final class ScaledSigmoid {

    /** σ(-1): the value of a detection on a window's first row, before scaling to A_TP. */
    public static final double AT_WINDOW_START = of(-1);

    private ScaledSigmoid() {
    }

    public static double of(double y) {
        return y > 3 ? -1 : 2 / (1 + Math.exp(5 * y)) - 1;
    }
}
