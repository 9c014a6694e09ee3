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
        Problem p = new Problem(origin, key, message, problems.size());
        if (problems.stream().noneMatch(q -> q.line().equals(p.line()))) {
            problems.add(p);
        }
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
