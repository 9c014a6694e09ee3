package dev.redflag.scorecard;

import java.util.SplittableRandom;

/**
 * Random variates drawn from one {@link SplittableRandom}, so a scenario is reproduced exactly from
 * its seed. Exact algorithms where counts are small (where the tails decide alerts); the normal
 * approximation only where the count's mean and its complement are both at least 30, where the
 * approximation's skew is far below the overdispersion the histories carry anyway.
 */
final class Variates {

    private static final double NORMAL_FROM = 30;

    private final SplittableRandom random;

    Variates(SplittableRandom random) {
        this.random = random;
    }

    double uniform() {
        return random.nextDouble();
    }

    /** An integer in [0, bound). */
    int below(int bound) {
        return random.nextInt(bound);
    }

    double normal() {
        // Marsaglia's polar method; the second variate is dropped to keep the stream simple
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** Poisson: multiplication of uniforms below the threshold, else a rounded normal. */
    long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean >= NORMAL_FROM) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
        }
        double limit = Math.exp(-mean);
        long k = 0;
        double product = random.nextDouble();
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    /** Binomial: inversion (BINV) while n·min(p, 1 − p) is small, else a rounded, clamped normal. */
    long binomial(long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(n, 1 - p);
        }
        double mean = n * p;
        if (mean >= NORMAL_FROM) {
            long k = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal());
            return Math.max(0, Math.min(n, k));
        }
        double q = 1 - p;
        double s = p / q;
        double a = (n + 1) * s;
        double r = Math.pow(q, n);
        double u = random.nextDouble();
        long x = 0;
        while (u > r && x < n) {
            u -= r;
            x++;
            r *= a / x - s;
        }
        return x;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang, boosted for shapes below 1. */
    double gamma(double shape) {
        if (shape < 1) {
            return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Beta(p·κ, (1 − p)·κ): mean p, the rate of one hour in a beta-binomial with concentration κ. */
    double betaAround(double p, double concentration) {
        if (p <= 0 || p >= 1) {
            return p;
        }
        double x = gamma(p * concentration);
        double y = gamma((1 - p) * concentration);
        return x / (x + y);
    }

    /** A mean-one multiplicative effect, e^(σ·Z − σ²/2). */
    double lognormalFactor(double sigma) {
        return Math.exp(sigma * normal() - sigma * sigma / 2);
    }
}
