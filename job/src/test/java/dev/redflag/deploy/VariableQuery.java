package dev.redflag.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus template variable's query in Grafana's syntax, and how Prometheus' HTTP API answers
 * it: {@code label_values(selector, label)} and {@code label_values(label)} from
 * {@code /api/v1/label/<label>/values} (with {@code match[]=selector}), {@code metrics(regex)} from
 * the {@code __name__} values matching the regex, {@code query_result(expr)} from a query.
 *
 * @param selector the series selector, or the expression of {@code query_result}; empty when none
 * @param label    the label whose values are listed ({@code __name__} for {@code metrics})
 * @param regex    for {@code metrics}: the metric name regex (unanchored, as Grafana applies it)
 */
record VariableQuery(Kind kind, String selector, String label, String regex) {

    enum Kind { LABEL_VALUES, METRICS, QUERY_RESULT }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((?:(.+),)?\\s*(\\w+)\\s*\\)");
    private static final Pattern METRICS = Pattern.compile("metrics\\((.+)\\)");
    private static final Pattern QUERY_RESULT = Pattern.compile("query_result\\((.+)\\)", Pattern.DOTALL);

    static VariableQuery parse(String query) {
        String q = query.strip();
        Matcher m = LABEL_VALUES.matcher(q);
        if (m.matches()) {
            return new VariableQuery(Kind.LABEL_VALUES, m.group(1) == null ? "" : m.group(1).strip(), m.group(2), "");
        }
        m = METRICS.matcher(q);
        if (m.matches()) {
            return new VariableQuery(Kind.METRICS, "", "__name__", m.group(1).strip());
        }
        m = QUERY_RESULT.matcher(q);
        if (m.matches()) {
            return new VariableQuery(Kind.QUERY_RESULT, m.group(1).strip(), "", "");
        }
        throw new IllegalArgumentException("not a Prometheus variable query Grafana knows: " + query);
    }
}
