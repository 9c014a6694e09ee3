package dev.redflag.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A JVM the benchmark starts for one measurement (a key point, a compared pass): the same Java and
 * class path as this one, its standard error appended to the benchmark's log file, and its standard
 * output read as tab-separated lines {@code TAG \t rest}, which is how it hands its figures back.
 */
final class ChildJvm {

    private static final long TIMEOUT_MINUTES = 10;

    private ChildJvm() {
    }

    /**
     * Runs {@code main} with {@code args} and hands every line of its output to {@code onLine} as tag
     * and rest (rest empty for a line without a tab); returns its exit value, that of a JVM killed
     * after {@value #TIMEOUT_MINUTES} minutes if it had not ended by then.
     */
    static int run(List<String> jvmOptions, Class<?> main, List<String> args, Path logFile,
                   BiConsumer<String, String> onLine) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] f = line.split("\t", 2);
                onLine.accept(f[0], f.length > 1 ? f[1] : "");
            }
        }
        if (!child.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
        }
        return child.exitValue();
    }
}
