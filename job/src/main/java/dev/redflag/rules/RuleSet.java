package dev.redflag.rules;

import java.io.Serializable;
import java.util.List;

/**
 * One accepted set of rule files, swapped in whole: a reload either yields a new set or fails
 * and leaves the running one in place. The version names the set in logs, metrics and alerts so
 * that "which rules fired this?" has an answer.
 *
 * @param rules   every rule, in file, group and rule order
 * @param groups  group names, in the same order (including groups without rules)
 * @param files   the file names read, sorted
 * @param version first 12 hex digits of a SHA-256 over the files' names and contents (line endings
 *                normalised), in name order: equal files give equal versions wherever they are read
 */
public record RuleSet(List<Rule> rules, List<String> groups, List<String> files, String version)
        implements Serializable {

    public RuleSet {
        rules = List.copyOf(rules);
        groups = List.copyOf(groups);
        files = List.copyOf(files);
    }

    /** The rules watching {@code kpi}, in order. A scan: index them once if you need it per value. */
    public List<Rule> byKpi(String kpi) {
        return rules.stream().filter(r -> r.kpi().equals(kpi)).toList();
    }

    /** The rule with this {@link Rule#id()} ({@code group/alert}), or null. */
    public Rule byId(String id) {
        for (Rule r : rules) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
