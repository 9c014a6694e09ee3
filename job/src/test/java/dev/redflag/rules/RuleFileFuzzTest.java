package dev.redflag.rules;

import static dev.redflag.yaml.PositionedProblems.readOrRefused;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.WindowSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Any text as a rule file (schema, conditions, calendar, templates, matchers): the loader accepts it
 * or throws {@link dev.redflag.yaml.ConfigException} with every problem at its file:line:column, nothing else.
 * Seeds are alerts-config/rules/ and the examples of docs/rules.md; see docs/development.md.
 */
class RuleFileFuzzTest {

    private static final String SOURCE = "rules.yaml";
    /** The KPIs of alerts-config, so that the seed rule files are accepted as they are. */
    private static final KpiCatalog CATALOG = KpiDefinitions.load(Path.of("../alerts-config/kpis.yaml"),
            List.of(WindowSpec.tumbling(Duration.ofHours(1)),
                    WindowSpec.sliding(Duration.ofDays(1), Duration.ofHours(1))));

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/dev/redflag/yaml/rules.dict")
    void acceptsOrRejectsWithPositions(byte[] file) {
        readOrRefused(file, SOURCE, yaml -> RuleLoader.parse(yaml, SOURCE, CATALOG));
    }
}
