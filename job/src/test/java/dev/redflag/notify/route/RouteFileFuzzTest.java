package dev.redflag.notify.route;

import static dev.redflag.yaml.PositionedProblems.readOrRefused;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text as a routing file: accepted, or {@link dev.redflag.yaml.ConfigException} with every problem at its
 * file:line:column. Seeds are alerts-config/routes.yaml and docs/notifications.md's examples.
 */
class RouteFileFuzzTest {

    private static final String SOURCE = "routes.yaml";

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/dev/redflag/yaml/routes.dict")
    void acceptsOrRejectsWithPositions(byte[] file) {
        readOrRefused(file, SOURCE, yaml -> RouteLoader.parse(yaml, SOURCE));
    }
}
