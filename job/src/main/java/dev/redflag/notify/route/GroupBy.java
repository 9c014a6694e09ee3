package dev.redflag.notify.route;

import java.io.Serializable;
import java.util.List;

/**
 * Which labels split a route's alerts into notification groups. Alertmanager's {@code [...]}
 * (every label, so each distinct alert is its own group) is a flag rather than a magic label
 * name so that no code has to remember to look for the three dots.
 *
 * @param labels the label names, in the order written; empty when {@code all}
 */
public record GroupBy(boolean all, List<String> labels) implements Serializable {

    public static final GroupBy ALL = new GroupBy(true, List.of());

    public GroupBy {
        labels = List.copyOf(labels);
    }

    public static GroupBy of(String... labels) {
        return new GroupBy(false, List.of(labels));
    }
}
