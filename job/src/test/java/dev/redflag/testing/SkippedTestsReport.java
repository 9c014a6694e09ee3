package dev.redflag.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Says what was skipped and why: one line per skipped test or class as it is skipped
 * ({@code skipped PromqlQueriesIT: needs prometheus (apt-get install prometheus, or set PROMETHEUS_BIN)}),
 * and when the tests of a module have run, a summary of everything this build has skipped so far,
 * in every module and by surefire and failsafe alike, so that the last one printed is the build's.
 *
 * <p>JUnit finds it through {@code META-INF/services}; the modules that use the job's test jar get it
 * with that jar. The build's skips are gathered in the file {@code redflag.skipped-tests} names, one
 * line per skip tagged with {@code redflag.build} (the build's start time; both are set in the root
 * pom), so that a build does not report what an earlier one skipped. Without them (a test run from an
 * IDE) the summary covers this run only.
 */
public final class SkippedTestsReport implements TestExecutionListener {

    private record Skip(String test, String reason) {
    }

    private final PrintStream out = System.out;
    private final List<Skip> skips = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        record(test, reason);
    }

    /** A failed assumption ({@code Assumptions.assumeTrue}) skips a test as well. */
    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        List<Skip> build = buildSkips();
        if (build.isEmpty()) {
            return;
        }
        // a set: a test run by both surefire and failsafe (-Dtest=... picks ITs too) is named once
        Map<String, Set<String>> byReason = new LinkedHashMap<>();
        build.forEach(s -> byReason.computeIfAbsent(s.reason(), r -> new LinkedHashSet<>()).add(s.test()));
        out.println("[redflag] skipped in this build, and why (under " + RequirementsCondition.REQUIRE
                + "=1 a missing program or corpus fails the build instead):");
        byReason.forEach((reason, tests) -> out.println("[redflag]   " + reason + ": " + String.join(", ", tests)));
        out.flush();
    }

    private void record(TestIdentifier test, String reason) {
        Skip skip = new Skip(name(test), oneLine(reason));
        skips.add(skip);
        out.println("skipped " + skip.test() + ": " + skip.reason());
        out.flush();
    }

    /** This run's skips added to the build's file, and all of the build's; this run's alone without it. */
    private List<Skip> buildSkips() {
        String file = System.getProperty("redflag.skipped-tests");
        String build = System.getProperty("redflag.build");
        if (file == null || build == null) {
            return skips;
        }
        Path path = Path.of(file);
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            String lines = skips.stream().map(s -> build + "\t" + s.test() + "\t" + s.reason() + "\n")
                    .collect(Collectors.joining());
            Files.writeString(path, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                    .map(l -> l.split("\t", 3))
                    .filter(f -> f.length == 3 && f[0].equals(build))
                    .map(f -> new Skip(f[1], f[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gather the build's skipped tests in " + path, e);
        }
    }

    /** {@code PromqlQueriesIT}, or {@code NabKpisTest.acrossTheCorpus...} for one method. */
    private static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            return simpleName(m.getClassName()) + "." + m.getMethodName();
        }
        if (source instanceof ClassSource c) {
            return simpleName(c.getClassName());
        }
        return test.getDisplayName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String oneLine(String text) {
        return text == null ? "no reason given" : text.replaceAll("\\s+", " ").strip();
    }
}
