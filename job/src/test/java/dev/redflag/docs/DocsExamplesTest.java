package dev.redflag.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.redflag.config.JobConfig;
import dev.redflag.docs.DocExamples.Kind;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.WindowSpec;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule, routing, silences, KPI definitions and rule test example of the docs passes the loaders
 * the job, {@code redflag validate} and {@code redflag test} use; the rule reference shows every
 * condition kind.
 */
class DocsExamplesTest {

    private static final List<WindowSpec> WINDOWS = JobConfig.defaults("localhost:9092").kpis().windows();
    /** Rule examples may use the seed KPIs and the shipped user-defined ones. */
    private static final KpiCatalog CATALOG =
            KpiDefinitions.load(DocPage.REPOSITORY.resolve("alerts-config/kpis.yaml"), WINDOWS);

    @Test
    void everyRuleRoutesSilencesAndKpisExampleIsValid() {
        List<DocPage> pages = DocPage.repositoryPages();
        List<String> problems = new DocExamples(CATALOG, WINDOWS, DocPage.REPOSITORY.resolve("alerts-config/tests")).problems(pages);
        assertThat(problems).as("problems in the docs' examples:%n%s", String.join("\n", problems)).isEmpty();
        // the check holds only while the examples carry their marks
        Map<Kind, Integer> counts = DocExamples.counts(pages);
        assertThat(counts.get(Kind.RULES)).isGreaterThanOrEqualTo(9);
        assertThat(counts).containsKeys(Kind.ROUTES, Kind.SILENCES, Kind.KPIS, Kind.TEST);
    }

    @Test
    void aBrokenExampleIsReportedAtItsLineOnThePage() {
        DocPage page = DocPage.parse(Path.of("docs/x.md"), """
                # X

                ```yaml rules
                groups:
                  - name: web
                    rules:
                      - alert: BounceHigh
                        kpi: bounce_rat
                        when: {above: 0.5}
                        severty: warning
                ```

                ```yaml
                route:
                  receiver: nobody
                ```

                ```yaml silences
                silences: []
                ```

                ```yaml rule
                groups: []
                ```
                """);

        List<String> problems = new DocExamples(CATALOG, WINDOWS, DocPage.REPOSITORY.resolve("alerts-config/tests")).problems(List.of(page));

        assertThat(problems).containsExactly(
                "docs/x.md:8:14: groups[0].rules[0].kpi: unknown KPI 'bounce_rat'; did you mean 'bounce_rate'?",
                "docs/x.md:10:9: groups[0].rules[0].severty: unknown key 'severty'; did you mean 'severity'?",
                "docs/x.md:14: this example reads like a routes file; start its fence with ```yaml routes so that it is checked",
                "docs/x.md:22: unknown example kind 'rule'; write one of rules, routes, silences, kpis, test");
    }

    @Test
    void theRuleReferenceShowsEveryConditionKind() throws IOException {
        Set<String> kinds = new TreeSet<>();
        Set<String> baselines = new TreeSet<>();
        Set<String> detectors = new TreeSet<>();
        YAMLMapper yaml = new YAMLMapper();
        for (String example : examples(DocPage.read(Path.of("docs/rules.md")), "rules")) {
            for (JsonNode group : yaml.readTree(example).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    collect(rule.path("when"), kinds, baselines, detectors);
                    collect(rule.path("resolve_when"), kinds, baselines, detectors);
                }
            }
        }
        JsonNode condition = yaml.readTree(DocPage.REPOSITORY.resolve("alerts-config/schema/rules.schema.json").toFile())
                .path("definitions").path("condition").path("properties");
        List<String> schemaKinds = List.of("above", "below", "change", "trend", "stall", "absent", "anomaly",
                "significance", "all", "any");
        assertThat(schemaKinds).allSatisfy(kind -> assertThat(condition.has(kind)).as(kind).isTrue());
        assertThat(kinds).containsAll(schemaKinds);
        assertThat(baselines).containsExactlyInAnyOrderElementsOf(values(condition.path("baseline").path("enum")));
        assertThat(detectors).containsExactlyInAnyOrderElementsOf(values(condition.path("anomaly").path("enum")));
    }

    private static void collect(JsonNode when, Set<String> kinds, Set<String> baselines, Set<String> detectors) {
        if (when.isArray()) {
            when.forEach(c -> collect(c, kinds, baselines, detectors));
            return;
        }
        when.fieldNames().forEachRemaining(name -> {
            kinds.add(name);
            if (name.equals("all") || name.equals("any")) {
                collect(when.path(name), kinds, baselines, detectors);
            }
        });
        if (when.has("change") || when.has("significance")) {
            baselines.add(when.path("baseline").asText("previous_window"));
        }
        if (when.has("anomaly")) {
            detectors.add(when.path("anomaly").asText());
        }
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> examples(DocPage page, String kind) {
        List<String> examples = new ArrayList<>();
        page.document().accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                if (block.getInfo().strip().equals("yaml " + kind)) {
                    examples.add(block.getLiteral());
                }
            }
        });
        return examples;
    }
}
