package dev.redflag.demo;

import java.util.SplittableRandom;

/**
 * The random draws the traffic model is written in. Pure functions of the random source passed
 * in, so determinism only depends on which source each part of the generator owns.
 */
final class Draw {

    private Draw() {
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    static double between(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    static long between(SplittableRandom r, long lo, long hi) {
        return hi <= lo ? lo : r.nextLong(lo, hi);
    }

    static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    /** A Poisson count: exact (Knuth) for small means, a rounded normal approximation above 60. */
    static int poisson(SplittableRandom r, double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        if (mean > 60) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    /** Cumulative weights for {@link #pick}; the weights need not sum to one. */
    static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= sum;
        }
        return c;
    }

    /** An index drawn with the weights behind {@code cumulative}. */
    static int pick(SplittableRandom r, double[] cumulative) {
        double u = r.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
