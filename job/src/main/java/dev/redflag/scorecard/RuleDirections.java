package dev.redflag.scorecard;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Direction;

import java.lang.reflect.RecordComponent;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which way of a KPI's moves a rule's condition watches: a firing counts as detecting an incident
 * only when the incident moves the KPI that way. A stall watches drops; an anomaly without a
 * direction, both ways; {@code all} the ways its parts agree on, {@code any} the ways of any part.
 */
final class RuleDirections {

    private static final Set<Direction> BOTH = EnumSet.allOf(Direction.class);

    private RuleDirections() {
    }

    static Set<Direction> of(Condition condition) {
        if (condition instanceof Condition.Threshold c) {
            return EnumSet.of(c.direction());
        }
        if (condition instanceof Condition.Change c) {
            return EnumSet.of(c.direction());
        }
        if (condition instanceof Condition.Trend c) {
            return EnumSet.of(c.direction());
        }
        if (condition instanceof Condition.Significance c) {
            return EnumSet.of(c.direction());
        }
        if (condition instanceof Condition.Stall) {
            return EnumSet.of(Direction.DOWN);
        }
        if (condition instanceof Condition.Anomaly c) {
            return c.direction() == null ? BOTH : EnumSet.of(c.direction());
        }
        if (condition instanceof Condition.All c) {
            Set<Direction> ways = EnumSet.copyOf(BOTH);
            c.conditions().forEach(part -> ways.retainAll(of(part)));
            return ways;
        }
        if (condition instanceof Condition.Any c) {
            Set<Direction> ways = EnumSet.noneOf(Direction.class);
            c.conditions().forEach(part -> ways.addAll(of(part)));
            return ways;
        }
        return declared(condition);
    }

    /**
     * A kind of condition added after this class (such as a shift): its {@code direction}
     * component when it has one, else both ways. Read once per rule, never per value.
     */
    private static Set<Direction> declared(Condition condition) {
        RecordComponent[] components = condition.getClass().getRecordComponents();
        if (components != null) {
            for (RecordComponent c : components) {
                if (c.getType() == Direction.class) {
                    try {
                        Object way = c.getAccessor().invoke(condition);
                        return way == null ? BOTH : EnumSet.of((Direction) way);
                    } catch (ReflectiveOperationException e) {
                        return BOTH;
                    }
                }
            }
        }
        return BOTH;
    }
}
