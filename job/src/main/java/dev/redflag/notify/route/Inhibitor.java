package dev.redflag.notify.route;

import dev.redflag.labels.Labels;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides inhibition from the labels of what is firing right now, with no memory of its own,
 * so the caller owns the set of firing alerts (Flink state, a backtest, a test's list).
 *
 * <p>As in Alertmanager: an {@code equal} label absent on both alerts counts as equal; an alert
 * never inhibits itself; and when an alert matches both sides of a rule, source alerts that also
 * match both sides are ignored, so two such alerts cannot mute each other.
 */
public final class Inhibitor {

    private final List<InhibitRule> rules;

    public Inhibitor(List<InhibitRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public boolean isInhibited(Map<String, String> labels, Collection<Map<String, String>> firingAlertsLabels) {
        for (InhibitRule rule : rules) {
            if (!Labels.matchAll(rule.targetMatchers(), labels)) {
                continue;
            }
            boolean twoSided = Labels.matchAll(rule.sourceMatchers(), labels);
            for (Map<String, String> source : firingAlertsLabels) {
                if (source.equals(labels) || !Labels.matchAll(rule.sourceMatchers(), source)) {
                    continue;
                }
                if (twoSided && Labels.matchAll(rule.targetMatchers(), source)) {
                    continue;
                }
                if (equalOn(rule.equal(), labels, source)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean equalOn(List<String> names, Map<String, String> a, Map<String, String> b) {
        for (String name : names) {
            if (!Objects.equals(a.get(name), b.get(name))) {
                return false;
            }
        }
        return true;
    }
}
