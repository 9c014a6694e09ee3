package dev.redflag.kpi;

import static dev.redflag.yaml.PositionedProblems.readOrRefused;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.List;

/**
 * Any text as kpis.yaml: a catalog, or {@link dev.redflag.yaml.ConfigException} with every problem at its
 * file:line:column. Seeds are alerts-config/kpis.yaml and docs/events-and-kpis.md's examples.
 */
class KpiDefinitionsFuzzTest {

    private static final String SOURCE = "kpis.yaml";
    private static final List<WindowSpec> WINDOWS = List.of(WindowSpec.tumbling(Duration.ofHours(1)));

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/dev/redflag/yaml/kpis.dict")
    void acceptsOrRejectsWithPositions(byte[] file) {
        readOrRefused(file, SOURCE, yaml -> KpiDefinitions.parse(yaml, SOURCE, WINDOWS));
    }
}
