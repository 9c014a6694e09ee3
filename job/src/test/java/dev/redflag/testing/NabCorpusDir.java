package dev.redflag.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find the Numenta Anomaly Benchmark corpus: {@code ../shared/datasets/nab} beside
 * the checkout ({@code ../../shared/datasets/nab} from the {@code job} module, where the tests
 * run). Nothing of it is copied into the project; tests that read it say so with
 * {@link RequiresNabCorpus}.
 */
public final class NabCorpusDir {

    public static final Path DIR = Path.of("../../shared/datasets/nab");

    private NabCorpusDir() {
    }

    /** Whether it is there: NAB's labels are what every reader of it needs first. */
    static boolean present() {
        return Files.isRegularFile(DIR.resolve("labels/combined_windows.json"));
    }

    /** What a skip or a failure says it needs. */
    static String missing() {
        return "the NAB corpus (put NAB's data/, labels/ and config/ at "
                + DIR.toAbsolutePath().normalize() + ")";
    }
}
