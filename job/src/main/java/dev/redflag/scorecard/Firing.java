package dev.redflag.scorecard;

import dev.redflag.rules.Condition.Direction;

import java.util.Set;

/**
 * An alert of a scenario's series that fired.
 *
 * @param at         event time of the FIRING transition (window end of the value that fired it)
 * @param directions the ways of the KPI's moves the rule watches
 */
record Firing(String ruleId, long at, Set<Direction> directions) {
}
