package dev.redflag.notify.route;

import static dev.redflag.yaml.PositionedProblems.assertPositioned;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.redflag.yaml.ConfigException;

/**
 * Any text as a routing file: accepted, or {@link ConfigException} with every problem at its
 * file:line:column. Seeds are alerts-config/routes.yaml and docs/notifications.md's examples.
 */
class RouteFileFuzzTest {

    private static final String SOURCE = "routes.yaml";

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/dev/redflag/yaml/routes.dict")
    void acceptsOrRejectsWithPositions(byte[] file) {
        String yaml = new String(file, UTF_8);
        try {
            RouteLoader.parse(yaml, SOURCE);
        } catch (ConfigException e) {
            assertPositioned(e, SOURCE, yaml);
        }
    }
}
