package dev.redflag.rules;

import dev.redflag.yaml.ConfigException;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.WindowSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The KPI catalog and fixture files the rule tests share, and a way to get a file's problems. */
final class RuleFixtures {

    static final Path DIR = Path.of("src/test/resources/rules");

    /** Seed KPIs with 1h windows; bounce_rate by tenant/page/channel over 1h and 1d/1h; signups (count); revenue (sum). */
    static final KpiCatalog CATALOG = KpiDefinitions.load(DIR.resolve("kpis.yaml"),
            List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private RuleFixtures() {
    }

    /** The problems of one rule file called {@code r.yaml}, which must have some. */
    static List<String> problems(String yaml) {
        return problemsOf(() -> RuleLoader.parse(yaml, "r.yaml", CATALOG));
    }

    static List<String> problemsOf(Runnable load) {
        List<String>[] out = new List[1];
        assertThatThrownBy(load::run).isInstanceOfSatisfying(ConfigException.class, e -> out[0] = e.problems());
        return out[0];
    }

    /** A one-rule file with {@code ruleLines} (indented 8 spaces) as the rule's body after its alert name. */
    static String rule(String... ruleLines) {
        StringBuilder s = new StringBuilder("""
                groups:
                  - name: g
                    rules:
                      - alert: A
                """);
        for (String line : ruleLines) {
            s.append("        ").append(line).append('\n');
        }
        return s.toString();
    }
}
