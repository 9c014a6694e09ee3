package dev.redflag.ruletest;

import dev.redflag.yaml.Origin;

import java.util.List;

/**
 * The outcome of one test case.
 *
 * @param failures one block of lines per failed check (unindented), empty when the test passed
 */
public record TestResult(String name, Origin origin, List<List<String>> failures) {

    public TestResult {
        failures = failures.stream().map(List::copyOf).toList();
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
