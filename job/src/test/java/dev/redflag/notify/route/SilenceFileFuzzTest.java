package dev.redflag.notify.route;

import static dev.redflag.yaml.PositionedProblems.assertPositioned;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.redflag.yaml.ConfigException;

/**
 * Any text as a silences file: accepted, or {@link ConfigException} with every problem at its
 * file:line:column; and what is accepted is written back ({@code silence add} rewrites the file)
 * in a form that reads back to equal silences. Seeds are alerts-config/silences.yaml and
 * docs/notifications.md's example.
 */
class SilenceFileFuzzTest {

    private static final String SOURCE = "silences.yaml";

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/dev/redflag/yaml/silences.dict")
    void acceptsOrRejectsWithPositionsAndRoundTrips(byte[] file) {
        String yaml = new String(file, UTF_8);
        Silences read;
        try {
            read = SilenceFile.read(yaml, SOURCE);
        } catch (ConfigException e) {
            assertPositioned(e, SOURCE, yaml);
            return;
        }
        String written = SilenceFile.write(read);
        assertThat(SilenceFile.read(written, SOURCE)).as("written as%n%s", written).isEqualTo(read);
    }
}
