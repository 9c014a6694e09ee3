package dev.redflag.ruletest;

import dev.redflag.alert.Transition;
import dev.redflag.yaml.Origin;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step a test expects in the history of an alert: it went pending, fired or resolved at
 * this time. Labels are a subset match, as for {@link ExpectedAlert}.
 */
public record ExpectedTransition(String alert, Transition.Phase phase, long at, SortedMap<String, String> labels,
                                 Origin origin) {

    public ExpectedTransition {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
}
