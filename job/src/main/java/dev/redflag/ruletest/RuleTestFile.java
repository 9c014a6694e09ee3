package dev.redflag.ruletest;

import java.nio.file.Path;
import java.util.List;

/**
 * A test file as read: the rule files its tests run against and the tests.
 *
 * @param source    the file as named on the command line (prefix of every message about it)
 * @param ruleFiles the rule files, resolved against the test file's directory, in order, each once
 * @param tests     the test cases, in file order
 */
public record RuleTestFile(String source, List<Path> ruleFiles, List<RuleTest> tests) {

    public RuleTestFile {
        ruleFiles = List.copyOf(ruleFiles);
        tests = List.copyOf(tests);
    }
}
