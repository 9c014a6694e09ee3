package dev.redflag.rules.eval;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How many false alerts a rule may raise by chance, per series and day, at most: for a shift, the
 * one-sided α of its threshold times the tests it makes a day (one per window and resolution,
 * Bonferroni's bound, which the tests' correlation only lowers), plus one test a window for its
 * slices when it judges them. What {@code redflag backtest}
 * sets beside each rule's firings, and the docs' table of sensitivities states.
 */
public final class FalseAlertBudget {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final double DAY = 86_400_000.0;

    private FalseAlertBudget() {
    }

    /**
     * The bound per series-day for a rule whose series have windows {@code stepMillis} apart; NaN
     * when the rule has no shift (its false alerts have no model).
     */
    public static double perSeriesDay(Rule rule, long stepMillis) {
        return perSeriesDay(rule.condition(), stepMillis);
    }

    /**
     * What judging a shift's {@code slices:} adds: one family of slice tests per window, whose
     * threshold splits the series' α among the slices tested ({@link SliceJudge#threshold}), so at
     * most α per window however many slices there are; 0 without slices.
     */
    static double slicesPerSeriesDay(Condition.Shift s, long stepMillis) {
        if (s.slices().isEmpty()) {
            return 0;
        }
        return SliceJudge.alpha(s.sensitivity(), true) * (DAY / stepMillis);
    }

    static double perSeriesDay(Condition c, long stepMillis) {
        if (c instanceof Condition.Shift s) {
            double alpha = 1 - STANDARD_NORMAL.cumulativeProbability(ShiftDetector.threshold(s.sensitivity(), true));
            int tests = s.scan() && !s.stall() ? 7 : 1;
            return alpha * tests * (DAY / stepMillis) + slicesPerSeriesDay(s, stepMillis);
        }
        if (c instanceof Condition.Any any) {
            double sum = 0;
            for (Condition x : any.conditions()) {
                double b = perSeriesDay(x, stepMillis);
                if (Double.isNaN(b)) {
                    return Double.NaN;
                }
                sum += b;
            }
            return sum;
        }
        if (c instanceof Condition.All all) {
            double least = Double.NaN;
            for (Condition x : all.conditions()) {
                double b = perSeriesDay(x, stepMillis);
                least = Double.isNaN(least) || b < least ? b : least;
            }
            return least;
        }
        return Double.NaN;
    }
}
