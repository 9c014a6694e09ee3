package dev.redflag.ruletest;

import java.util.List;

/**
 * The outcome of one test file: its tests' results, or the problems that kept it from running
 * (a broken test file, invalid rules, unknown alert names, rejected events).
 *
 * @param source   the test file as named on the command line
 * @param tests    results of the tests that ran, in file order
 * @param problems one line each, {@code file:line:column: ...}; when any, the file counts as an error
 */
public record FileResult(String source, List<TestResult> tests, List<String> problems) {

    public FileResult {
        tests = List.copyOf(tests);
        problems = List.copyOf(problems);
    }

    static FileResult problems(String source, List<String> problems) {
        return new FileResult(source, List.of(), problems);
    }

    public long failed() {
        return tests.stream().filter(t -> !t.passed()).count();
    }
}
