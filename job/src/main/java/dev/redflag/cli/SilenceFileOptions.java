package dev.redflag.cli;

import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.route.Silences;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

/** The silences file every {@code silence} command works on, and the clock it reads "now" from. */
final class SilenceFileOptions {

    static final String DEFAULT_FILE = "alerts-config/silences.yaml";

    @Option(names = "--file", paramLabel = "FILE", defaultValue = DEFAULT_FILE,
            description = "the silences file (default: ${DEFAULT-VALUE})")
    Path file;

    /** Tests fix the time with this rather than sleeping or racing the wall clock. */
    @Option(names = "--now", hidden = true, paramLabel = "TIME", description = "act as if it were TIME")
    String now;

    Clock clock() {
        return now == null ? Clock.systemUTC() : Clock.fixed(SilenceCommand.time("--now", now), ZoneOffset.UTC);
    }

    /** The silences, checked like every other file; none when the file does not exist. */
    Silences load() {
        return SilenceFile.load(file);
    }

    void save(Silences silences) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UserError("cannot write " + file + ": no directory " + dir + "; name the file with --file");
        }
        SilenceFile.save(file, silences);
    }

    /** The file's bytes as they are on disk, which is what gets published. */
    byte[] bytes() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read silences " + file, e);
        }
    }
}
