package dev.redflag.scorecard;

import dev.redflag.rules.Condition.Direction;

/**
 * What an incident does to a KPI, in the model's terms: a rate, hazard or count multiplied by
 * {@code size}, NPS moved by {@code size} points, or a funnel stall (size unused).
 *
 * @param label     as the report prints it, e.g. {@code ×2}, {@code −20 pts}, {@code stall}
 * @param direction the way the KPI moves, which a rule must watch to count as detecting it
 */
record Effect(String label, Direction direction, double size) {

    static Effect times(double factor) {
        return new Effect("×" + trim(factor), factor > 1 ? Direction.UP : Direction.DOWN, factor);
    }

    static Effect points(double points) {
        return new Effect((points > 0 ? "+" : "−") + trim(Math.abs(points)) + " pts",
                points > 0 ? Direction.UP : Direction.DOWN, points);
    }

    static Effect stall() {
        return new Effect("stall", Direction.DOWN, 0);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
