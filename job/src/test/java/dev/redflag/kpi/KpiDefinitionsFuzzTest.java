package dev.redflag.kpi;

import static dev.redflag.yaml.PositionedProblems.assertPositioned;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.redflag.yaml.ConfigException;
import java.time.Duration;
import java.util.List;

/**
 * Any text as kpis.yaml: a catalog, or {@link ConfigException} with every problem at its
 * file:line:column. Seeds are alerts-config/kpis.yaml and docs/events-and-kpis.md's examples.
 */
class KpiDefinitionsFuzzTest {

    private static final String SOURCE = "kpis.yaml";
    private static final List<WindowSpec> WINDOWS = List.of(WindowSpec.tumbling(Duration.ofHours(1)));

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/dev/redflag/yaml/kpis.dict")
    void acceptsOrRejectsWithPositions(byte[] file) {
        String yaml = new String(file, UTF_8);
        try {
            KpiDefinitions.parse(yaml, SOURCE, WINDOWS);
        } catch (ConfigException e) {
            assertPositioned(e, SOURCE, yaml);
        }
    }
}
