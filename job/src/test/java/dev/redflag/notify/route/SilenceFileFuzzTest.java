package dev.redflag.notify.route;

import static dev.redflag.yaml.PositionedProblems.readOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text as a silences file: accepted, or {@link dev.redflag.yaml.ConfigException} with every problem at its
 * file:line:column; and what is accepted is written back ({@code silence add} rewrites the file)
 * in a form that reads back to equal silences. Seeds are alerts-config/silences.yaml and
 * docs/notifications.md's example.
 */
class SilenceFileFuzzTest {

    private static final String SOURCE = "silences.yaml";

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/dev/redflag/yaml/silences.dict")
    void acceptsOrRejectsWithPositionsAndRoundTrips(byte[] file) {
        Silences read = readOrRefused(file, SOURCE, yaml -> SilenceFile.read(yaml, SOURCE));
        if (read != null) {
            String written = SilenceFile.write(read);
            assertThat(SilenceFile.read(written, SOURCE)).as("written as%n%s", written).isEqualTo(read);
        }
    }
}
