package dev.redflag.ruletest;

import dev.redflag.yaml.Origin;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An alert a test expects to be firing. Labels and annotations are a subset match: the alert must
 * carry each one listed with exactly that value and may carry more, so a test names what matters
 * (the page, the tenant) rather than repeating {@code severity}, {@code kpi} and group labels.
 *
 * @param alert       alert name
 * @param labels      labels the alert must carry, with these values
 * @param annotations annotations the alert must carry, with exactly this rendered text
 * @param origin      where the entry was written, for messages
 */
public record ExpectedAlert(String alert, SortedMap<String, String> labels, SortedMap<String, String> annotations,
                            Origin origin) {

    public ExpectedAlert {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    /** Whether an alert of this name with these labels and annotations satisfies the entry. */
    public boolean matches(String name, Map<String, String> actualLabels, Map<String, String> actualAnnotations) {
        return alert.equals(name) && contains(actualLabels, labels) && contains(actualAnnotations, annotations);
    }

    static boolean contains(Map<String, String> actual, Map<String, String> expected) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
