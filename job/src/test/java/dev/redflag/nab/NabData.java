package dev.redflag.nab;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find the NAB corpus: {@code ../../shared/datasets/nab} from the {@code job}
 * module (here and in CI the {@code shared} directory sits beside the checkout). Tests that need it
 * are skipped, not failed, when it is absent; nothing of it is copied into the project.
 */
final class NabData {

    static final Path DIR = Path.of("../../shared/datasets/nab");

    private NabData() {
    }

    /** The dataset directory; skips the calling test when it is not there. */
    static Path dir() {
        Assumptions.assumeTrue(Files.isRegularFile(DIR.resolve("labels/combined_windows.json")),
                "NAB corpus not found at " + DIR.toAbsolutePath().normalize());
        return DIR;
    }
}
