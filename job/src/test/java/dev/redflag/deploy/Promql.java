package dev.redflag.deploy;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the checks need to know about a PromQL expression without a PromQL parser (Prometheus itself
 * judges validity): the Grafana variables it uses, the same with values filled in, and the metric
 * names it reads. Good for the expressions of this project's dashboards and rules; not a general
 * PromQL tool.
 */
final class Promql {

    /** {@code $name}, {@code ${name}}, {@code ${name:format}}, {@code [[name]]}, {@code [[name:format]]}. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(\\w+)|\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^]]*)?]]");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?\\w+");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "offset", "inf", "nan", "Inf", "NaN");

    private Promql() {
    }

    /** The names of the Grafana variables an expression refers to, built-ins ({@code __range}) included. */
    static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return names;
    }

    /**
     * The expression with every variable replaced by its value, as Grafana sends it.
     *
     * @throws IllegalArgumentException for a variable without a value
     */
    static String substitute(String text, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for $" + name + " in " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The metric names an expression reads: bare selectors ({@code redflag_events_in_total},
     * recording rules such as {@code redflag:dead_letter_ratio:rate5m}) and exact {@code __name__}
     * matchers; regex name matchers ({@code __name__=~"redflag_kpi_.+"}) name none.
     */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher exact = NAME_MATCHER.matcher(expr);
        while (exact.find()) {
            names.add(exact.group(1));
        }
        String bare = STRING.matcher(expr).replaceAll("\"\"");
        bare = BRACES.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = OFFSET.matcher(bare).replaceAll(" ");
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
