package dev.redflag.ruletest;

import dev.redflag.alert.Transition;
import dev.redflag.yaml.Origin;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step a test expects in the history of an alert: it went pending, fired or resolved at
 * this time. Labels and annotations are a subset match, as for {@link ExpectedAlert}; annotations
 * as rendered for this transition, so a resolved notice's own wording can be checked.
 */
public record ExpectedTransition(String alert, Transition.Phase phase, long at, SortedMap<String, String> labels,
                                 SortedMap<String, String> annotations, Origin origin) {

    public ExpectedTransition {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }
}
