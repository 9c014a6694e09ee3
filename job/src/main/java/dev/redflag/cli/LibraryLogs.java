package dev.redflag.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * While a command that runs Kafka and Flink in this JVM (the demo, a local {@code run}, the
 * benchmark) is running, everything logged through log4j or slf4j, by redflag and by the libraries
 * alike, goes to one file, and so does whatever a library prints straight to {@code System.out} or
 * {@code System.err}: the console is left to the command's own lines. {@link #close()} puts
 * logging and the standard streams back as they were.
 *
 * <p>The standard streams are process-wide, so only one of these is open at a time, and the
 * command's console writer must be taken (picocli's {@code getOut()}) before it opens.
 */
public final class LibraryLogs implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %c - %msg%n%throwable";

    private final Path file;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final PrintStream captured;

    private LibraryLogs(Path file, PrintStream stdout, PrintStream stderr, PrintStream captured) {
        this.file = file;
        this.stdout = stdout;
        this.stderr = stderr;
        this.captured = captured;
    }

    /** {@code <tmpdir>/redflag-<command>-<yyyyMMdd-HHmmss>.log}: a fresh file per run that never lands in a checkout. */
    public static Path defaultFile(String command, Instant now) {
        return Path.of(System.getProperty("java.io.tmpdir"), "redflag-" + command + "-" + STAMP.format(now) + ".log");
    }

    /** Sends all logging and stray standard-stream output to {@code file} (appended to) until closed. */
    public static LibraryLogs open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            // log4j's file appender and the captured streams append to the same file, each line whole
            PrintStream captured = new PrintStream(new FileOutputStream(absolute.toFile(), true), true,
                    StandardCharsets.UTF_8);
            Configurator.reconfigure(fileConfiguration(absolute));
            LibraryLogs logs = new LibraryLogs(absolute, System.out, System.err, captured);
            System.setOut(captured);
            System.setErr(captured);
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + absolute + ": " + e.getMessage()
                    + " (pass --log-file with a writable path)", e);
        }
    }

    /** Where the logs go, absolute: what the command prints so a person can find them. */
    public Path file() {
        return file;
    }

    /** The standard output as it was before this opened: the console. */
    public PrintStream console() {
        return stdout;
    }

    @Override
    public void close() {
        System.setOut(stdout);
        System.setErr(stderr);
        // back to the configuration on the classpath (log4j2.properties, or the tests' own)
        Configurator.reconfigure();
        captured.close();
    }

    private static BuiltConfiguration fileConfiguration(Path file) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("redflag-log-file");
        b.add(b.newAppender("file", "File")
                .addAttribute("fileName", file.toString())
                .addAttribute("append", true)
                .add(b.newLayout("PatternLayout").addAttribute("pattern", PATTERN)));
        b.add(b.newRootLogger(Level.INFO).add(b.newAppenderRef("file")));
        // two Kafka sinks register committer metrics under one name; Flink warns and keeps the first
        b.add(b.newLogger("org.apache.flink.metrics.MetricGroup", Level.ERROR));
        b.add(b.newLogger("org.apache.flink.runtime.metrics.util.MetricUtils", Level.ERROR));
        return b.build(false);
    }
}
