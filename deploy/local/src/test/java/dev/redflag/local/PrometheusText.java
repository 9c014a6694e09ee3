package dev.redflag.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one metric in Prometheus' text format, as Flink's Prometheus reporter serves them:
 * {@code name{label="value",...} 1234.0}. Enough of the format for Flink's output (no histograms'
 * suffixes are asked for); label values may hold escaped quotes and backslashes.
 */
final class PrometheusText {

    /** One sample: its labels and value. */
    record Series(Map<String, String> labels, double value) {

        String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    private PrometheusText() {
    }

    /** Every sample of {@code metric} in {@code text}, in the order served. */
    static List<Series> samples(String text, String metric) {
        List<Series> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != '{' && next != ' ') {
                continue; // a longer name that starts with this one
            }
            Map<String, String> labels = new LinkedHashMap<>();
            int i = metric.length();
            if (next == '{') {
                i = labels(line, i + 1, labels);
            }
            String[] rest = line.substring(i).strip().split(" ");
            out.add(new Series(labels, Double.parseDouble(rest[0])));
        }
        return out;
    }

    /** Reads {@code a="x",b="y"}} from {@code from} into {@code labels}; returns the index after the closing brace. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String name = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(name, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }
}
