package dev.redflag.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem in a config so they can all be reported together. */
public final class Problems {

    private record Problem(Origin origin, String key, String message, int order) {
        String line() {
            return origin + ": " + (key == null ? "" : key + ": ") + message;
        }

        /** File problems first (position-less ones on top), in file order; env problems after. */
        int group() {
            if (origin.source().startsWith("env ")) {
                return 2;
            }
            return origin.hasPosition() ? 1 : 0;
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    public void add(Origin origin, String key, String message) {
        Problem p = new Problem(origin, key == null ? null : oneLine(key), oneLine(message), problems.size());
        if (problems.stream().noneMatch(q -> q.line().equals(p.line()))) {
            problems.add(p);
        }
    }

    /**
     * The text with its line breaks and control characters escaped ({@code \n}, {@code \x07}):
     * messages quote keys and values from the file, and a problem is one line however it was written.
     */
    public static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = (c < 0x20 && c != '\t') || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(escape ? String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", (int) c)
                            : String.valueOf(c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        List<String> lines = problems.stream()
                .sorted(Comparator.comparingInt(Problem::group)
                        .thenComparingInt(p -> p.origin().line())
                        .thenComparingInt(p -> p.origin().column())
                        .thenComparingInt(Problem::order))
                .map(Problem::line)
                .toList();
        throw new ConfigException(lines);
    }
}
