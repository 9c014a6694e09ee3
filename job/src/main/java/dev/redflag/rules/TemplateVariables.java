package dev.redflag.rules;


import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names an annotation template of one rule may use, so that a typo ({@code {{pgae}}}) is
 * caught when the rule is loaded rather than rendered as an empty string in a Slack message at
 * 3 a.m. Whoever renders annotations puts exactly these into the scope: the standard values, the
 * series' dimensions and the rule's labels at the top level, and all alert labels under
 * {@code labels}.
 */
final class TemplateVariables {

    /**
     * Values of every alert, formatted by the renderer: the numbers plain, and as people read them
     * in the KPI's unit ({@code value_text} {@code 66.7%}, {@code change_text} {@code +21 points}).
     */
    static final List<String> STANDARD = List.of("alertname", "kpi", "window", "judged_window", "severity", "value",
            "baseline", "change", "change_percent", "value_text", "baseline_text", "change_text", "numerator",
            "denominator", "sample", "window_start", "window_end", "firing", "resolved", "labels");

    /** Values of a firing that its renderer adds, "" on other transitions: the slice, why, the examples. */
    static final List<String> EXPLAINED = List.of("slice", "why", "examples");

    private final Set<String> topLevel = new LinkedHashSet<>(STANDARD);
    private final Set<String> labelNames = new LinkedHashSet<>();

    /**
     * @param dims   the KPI's dimensions ({@code by})
     * @param labels the rule's labels, group labels included
     */
    TemplateVariables(List<String> dims, Set<String> labels) {
        topLevel.addAll(EXPLAINED);
        topLevel.addAll(dims);
        topLevel.addAll(labels);
        labelNames.addAll(dims);
        labelNames.addAll(labels);
        labelNames.addAll(List.of("alertname", "severity", "kpi", "window"));
    }

    /** Why {@code variable} cannot be used, or null when it can. */
    String problem(String variable) {
        if (topLevel.contains(variable)) {
            return null;
        }
        if (variable.startsWith("labels.")) {
            String label = variable.substring("labels.".length());
            if (labelNames.contains(label)) {
                return null;
            }
            String hint = Hints.didYouMean(label, labelNames, "labels.");
            return "unknown label '" + label + "' in {{" + variable + "}}"
                    + (hint.isEmpty() ? "; the alert's labels are " + String.join(", ", labelNames) : hint);
        }
        List<String> candidates = new ArrayList<>(topLevel);
        labelNames.forEach(l -> candidates.add("labels." + l));
        String hint = Hints.didYouMean(variable, candidates);
        return "unknown variable {{" + variable + "}}"
                + (hint.isEmpty() ? "; use one of " + String.join(", ", topLevel) + " or labels.<label>" : hint);
    }
}
