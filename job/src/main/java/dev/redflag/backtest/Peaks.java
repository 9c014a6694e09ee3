package dev.redflag.backtest;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;

import java.util.List;

/**
 * The most extreme KPI value of each firing period, in the direction the rule watches: the highest
 * for rise/above/rising rules, the lowest for drop/below/falling/stall rules, and the one furthest
 * from the firing baseline when the rule watches both ways. One number tells how bad it got, which
 * is what decides whether a threshold was right.
 */
public final class Peaks {

    private final List<KpiValue> values;
    private final RuleSet rules;
    private final KpiCatalog catalog;

    /**
     * @param values  the KPI values of the backtest, any order
     * @param catalog says how each KPI's peak reads ({@code 81.2%})
     */
    public Peaks(List<KpiValue> values, RuleSet rules, KpiCatalog catalog) {
        this.values = values;
        this.rules = rules;
        this.catalog = catalog;
    }

    /** The peak as people read it in the KPI's unit ({@code 81.2%}, {@code 1d 4h}); – when there is none. */
    public String text(FiringPeriod p) {
        double peak = of(p);
        return Double.isNaN(peak) ? "–" : catalog.format(p.series().kpi()).value(peak);
    }

    /** NaN when the period judged no value (an absence alert). */
    public double of(FiringPeriod p) {
        Rule rule = rules.byId(p.ruleId());
        Condition.Direction direction = rule == null ? null : direction(rule.condition());
        double peak = Double.NaN;
        for (KpiValue v : values) {
            if (!inPeriod(v, p) || !Double.isFinite(v.value())) {
                continue;
            }
            if (Double.isNaN(peak) || further(v.value(), peak, direction, p)) {
                peak = v.value();
            }
        }
        return Double.isNaN(peak) ? p.firingValue() : peak;
    }

    private static boolean inPeriod(KpiValue v, FiringPeriod p) {
        return v.windowEnd() >= p.start() && (p.isOpen() || v.windowEnd() < p.end()) && p.series().contains(v);
    }

    private static boolean further(double candidate, double peak, Condition.Direction direction, FiringPeriod p) {
        if (direction == Condition.Direction.UP) {
            return candidate > peak;
        }
        if (direction == Condition.Direction.DOWN) {
            return candidate < peak;
        }
        double from = Double.isNaN(p.firingBaseline()) ? p.firingValue() : p.firingBaseline();
        return !Double.isNaN(from) && Math.abs(candidate - from) > Math.abs(peak - from);
    }

    /** The way a condition fires, or null when it fires both ways, on absence, or mixes them. */
    static Condition.Direction direction(Condition c) {
        if (c instanceof Condition.Threshold t) {
            return t.direction();
        } else if (c instanceof Condition.Change ch) {
            return ch.direction();
        } else if (c instanceof Condition.Trend t) {
            return t.direction();
        } else if (c instanceof Condition.Stall) {
            return Condition.Direction.DOWN;
        } else if (c instanceof Condition.Anomaly a) {
            return a.direction();
        } else if (c instanceof Condition.Significance s) {
            return s.direction();
        } else if (c instanceof Condition.All all) {
            return common(all.conditions());
        } else if (c instanceof Condition.Any any) {
            return common(any.conditions());
        }
        return null; // absent
    }

    private static Condition.Direction common(List<Condition> conditions) {
        Condition.Direction found = null;
        for (Condition c : conditions) {
            Condition.Direction d = direction(c);
            if (d == null && c instanceof Condition.Absent) {
                continue;
            }
            if (d == null || (found != null && found != d)) {
                return null;
            }
            found = d;
        }
        return found;
    }
}
