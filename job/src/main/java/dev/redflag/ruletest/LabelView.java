package dev.redflag.ruletest;

import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which labels of an actual alert test output shows: the ones that tell its series apart (the
 * KPI's dimensions) and any label the test itself names. Labels every alert of a rule carries
 * alike ({@code kpi}, {@code window}, {@code severity}, the rule's and group's labels) would
 * only bury the page or tenant that differs.
 */
final class LabelView {

    private static final Set<String> RESERVED = Set.of("alertname", "kpi", "window", "severity");

    private final Map<String, Set<String>> hiddenByRule = new HashMap<>();

    LabelView(RuleSet rules) {
        for (Rule rule : rules.rules()) {
            Set<String> hidden = new HashSet<>(RESERVED);
            hidden.addAll(rule.labels().keySet());
            hiddenByRule.put(rule.id(), hidden);
        }
    }

    /** The labels to show of an alert of rule {@code ruleId}, keeping every label in {@code named}. */
    Map<String, String> shown(String ruleId, Map<String, String> labels, Set<String> named) {
        Set<String> hidden = hiddenByRule.getOrDefault(ruleId, RESERVED);
        Map<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (!hidden.contains(k) || named.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
