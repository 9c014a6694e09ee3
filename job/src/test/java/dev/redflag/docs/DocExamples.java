package dev.redflag.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.redflag.yaml.ConfigException;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.route.SilenceFile;
import dev.redflag.rules.RuleLoader;
import dev.redflag.ruletest.RuleTestReader;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML examples of the documentation checked by the loaders {@code redflag validate} and the
 * job use. An example is checked when its fence says what it is: {@code ```yaml rules},
 * {@code ```yaml routes}, {@code ```yaml silences}, {@code ```yaml kpis} or {@code ```yaml test} (a
 * {@code redflag test} file, read as if it were in {@code alerts-config/tests/}). A plain {@code ```yaml}
 * block that reads like one of these files is reported too, so an example cannot dodge the check by
 * leaving the word out.
 */
final class DocExamples {

    /** The kinds of file an example can be, by the word after {@code yaml} in its fence. */
    enum Kind {
        RULES("groups"), ROUTES("route"), SILENCES("silences"), KPIS("seed", "custom"), TEST("tests", "rule_files");

        private final List<String> topKeys;

        Kind(String... topKeys) {
            this.topKeys = List.of(topKeys);
        }

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private final KpiCatalog catalog;
    private final List<WindowSpec> windows;
    private final Path testDir;

    /**
     * @param catalog the KPIs rule examples are checked against
     * @param windows the default windows of KPI definition examples
     * @param testDir where the relative paths of rule test examples start
     */
    DocExamples(KpiCatalog catalog, List<WindowSpec> windows, Path testDir) {
        this.catalog = catalog;
        this.windows = windows;
        this.testDir = testDir;
    }

    /** One line per problem, each naming the page and the line of the example it is on. */
    List<String> problems(List<DocPage> pages) {
        List<String> problems = new ArrayList<>();
        for (DocPage page : pages) {
            page.document().accept(new AbstractVisitor() {
                @Override
                public void visit(FencedCodeBlock block) {
                    check(page, block, problems);
                }
            });
        }
        return problems;
    }

    /** How many examples of each kind the pages hold. */
    static Map<Kind, Integer> counts(List<DocPage> pages) {
        Map<Kind, Integer> counts = new java.util.EnumMap<>(Kind.class);
        for (DocPage page : pages) {
            page.document().accept(new AbstractVisitor() {
                @Override
                public void visit(FencedCodeBlock block) {
                    marked(block).flatMap(DocExamples::kind).ifPresent(k -> counts.merge(k, 1, Integer::sum));
                }
            });
        }
        return counts;
    }

    private void check(DocPage page, FencedCodeBlock block, List<String> problems) {
        String[] info = block.getInfo().strip().split("\\s+");
        if (!info[0].equals("yaml")) {
            return;
        }
        int firstLine = DocPage.line(block) + 1;
        if (info.length == 1) {
            unmarked(block.getLiteral()).ifPresent(kind -> problems.add(page.at(firstLine) + ": this example reads like a "
                    + kind.word() + " file; start its fence with ```yaml " + kind.word() + " so that it is checked"));
            return;
        }
        Optional<Kind> kind = kind(info[1]);
        if (kind.isEmpty()) {
            problems.add(page.at(DocPage.line(block)) + ": unknown example kind '" + info[1]
                    + "'; write one of rules, routes, silences, kpis, test");
            return;
        }
        // blank lines ahead of the example make the loader's line numbers the page's
        String yaml = "\n".repeat(firstLine - 1) + block.getLiteral();
        String source = page.path().toString().replace('\\', '/');
        try {
            switch (kind.get()) {
                case RULES -> RuleLoader.parse(yaml, source, catalog);
                case ROUTES -> RouteLoader.parse(yaml, source);
                case SILENCES -> SilenceFile.read(yaml, source);
                case KPIS -> KpiDefinitions.parse(yaml, source, windows);
                case TEST -> RuleTestReader.parse(yaml, source, testDir, catalog);
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
    }

    private static Optional<String> marked(FencedCodeBlock block) {
        String[] info = block.getInfo().strip().split("\\s+");
        return info[0].equals("yaml") && info.length > 1 ? Optional.of(info[1]) : Optional.empty();
    }

    private static Optional<Kind> kind(String word) {
        for (Kind kind : Kind.values()) {
            if (kind.word().equals(word)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind a plain YAML block reads like, by its top-level keys; fragments read like nothing. */
    private static Optional<Kind> unmarked(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (Exception notAWholeFile) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.topKeys.stream().anyMatch(root::has)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
