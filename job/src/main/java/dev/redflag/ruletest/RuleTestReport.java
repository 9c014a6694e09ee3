package dev.redflag.ruletest;

import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code redflag test} prints, in the spirit of {@code promtool test rules}: one line per
 * file with its counts, each failure under its test with the difference, the problems of files
 * that could not run, and a last line that CI logs can be searched for: {@code SUCCESS} or
 * {@code FAILED}.
 */
public final class RuleTestReport {

    /** Exit codes: all passed, a test failed, a file could not run. */
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

    private RuleTestReport() {
    }

    public static void print(List<FileResult> files, PrintWriter out) {
        for (FileResult file : files) {
            if (file.tests().isEmpty() && !file.problems().isEmpty()) {
                out.println(file.source() + ": not run, " + count(file.problems().size(), "problem"));
            } else {
                long failed = file.failed();
                out.println(file.source() + ": " + count(file.tests().size(), "test") + ", "
                        + (file.tests().size() - failed) + " passed" + (failed > 0 ? ", " + failed + " failed" : ""));
            }
            for (TestResult test : file.tests()) {
                if (test.passed()) {
                    continue;
                }
                out.println("  FAIL " + test.name() + " (line " + test.origin().line() + ")");
                for (List<String> failure : test.failures()) {
                    failure.forEach(line -> out.println("    " + line));
                }
            }
            file.problems().forEach(p -> out.println("  " + p));
        }
        out.println(exitCode(files) == PASSED ? "SUCCESS" : "FAILED");
        out.flush();
    }

    public static int exitCode(List<FileResult> files) {
        if (files.stream().anyMatch(f -> !f.problems().isEmpty())) {
            return ERROR;
        }
        return files.stream().anyMatch(f -> f.failed() > 0) ? FAILED : PASSED;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
