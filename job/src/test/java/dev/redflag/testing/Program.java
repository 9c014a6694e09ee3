package dev.redflag.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A program from outside Maven that some tests run, with the Debian package that installs it. A test
 * that needs one says so with {@link RequiresProgram}; it is skipped where the program is missing, or
 * fails under {@code REDFLAG_REQUIRE_SERVICES=1}.
 */
public enum Program {

    PROMETHEUS("prometheus", "PROMETHEUS_BIN", "prometheus"),
    PROMTOOL("promtool", "PROMTOOL_BIN", "prometheus"),
    ALERTMANAGER("prometheus-alertmanager", "ALERTMANAGER_BIN", "prometheus-alertmanager"),
    /** Run by {@code deploy/local/redflag-local}, which finds it on {@code PATH} only. */
    CURL("curl", null, "curl"),
    /** Run by {@code deploy/local/redflag-local}, which finds it on {@code PATH} only. */
    JQ("jq", null, "jq"),
    /** Debian's headless-capable browser, for screenshots of what the backtest and charts render. */
    CHROMIUM("chromium", "CHROMIUM_BIN", "chromium");

    private final String command;
    private final String environmentVariable;
    private final String debianPackage;

    Program(String command, String environmentVariable, String debianPackage) {
        this.command = command;
        this.environmentVariable = environmentVariable;
        this.debianPackage = debianPackage;
    }

    /** The name it has on {@code PATH}. */
    public String command() {
        return command;
    }

    /**
     * Where it is: the file its environment variable names when that is set, otherwise the first
     * match on {@code PATH}; empty when there is none.
     *
     * @throws IllegalStateException when the environment variable names something that is not the
     *                               program: a setting to fix, not a program to skip
     */
    public Optional<Path> find() {
        return find(System.getenv());
    }

    /** {@link #find()} in the environment {@code env}. */
    Optional<Path> find(Map<String, String> env) {
        String configured = environmentVariable == null ? null : env.get(environmentVariable);
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured);
            if (!runnable(file)) {
                throw new IllegalStateException(environmentVariable + "=" + configured
                        + " is not an executable file: point it at " + command + " or unset it");
            }
            return Optional.of(file);
        }
        String path = env.get("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path file = Path.of(dir, command);
                if (runnable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    /** Where it is; fails with how to install it when it is missing. */
    public Path path() {
        return find().orElseThrow(() -> new IllegalStateException(command + " is missing: " + installHint()));
    }

    /** How to get it: {@code apt-get install prometheus, or set PROMETHEUS_BIN}. */
    String installHint() {
        return "apt-get install " + debianPackage + (environmentVariable == null ? "" : ", or set " + environmentVariable);
    }

    /**
     * A regular, non-empty, executable file: an empty file or {@code /dev/null} bound over a program
     * (how a machine without it is tried out) is not the program.
     */
    private static boolean runnable(Path file) {
        try {
            return Files.isRegularFile(file) && Files.isExecutable(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
