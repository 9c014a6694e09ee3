package dev.redflag.rules.eval;

/**
 * The two-proportion z-test behind {@code significance} rules: whether a window's ratio differs
 * from its baseline's by more than chance, given how many trials each saw. This is what keeps a
 * conversion rate of 1 in 2 from alerting like 500 in 1000.
 */
public final class TwoProportionTest {

    private TwoProportionTest() {
    }

    /**
     * z = (p1 − p0) / sqrt(p (1 − p) (1/n1 + 1/n0)) with p1 = x1/n1, p0 = x0/n0 and the pooled
     * p = (x1 + x0) / (n1 + n0). 0 when p is 0 or 1 (both proportions equal: no evidence either
     * way). NaN unless both are proportions: n > 0 and 0 <= x <= n.
     */
    public static double z(double x1, double n1, double x0, double n0) {
        if (!isProportion(x1, n1) || !isProportion(x0, n0)) {
            return Double.NaN;
        }
        double p = (x1 + x0) / (n1 + n0);
        double se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n0));
        return se > 0 ? (x1 / n1 - x0 / n0) / se : 0;
    }

    static boolean isProportion(double x, double n) {
        return n > 0 && x >= 0 && x <= n && !Double.isInfinite(n);
    }
}
