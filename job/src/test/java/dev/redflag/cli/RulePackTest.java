package dev.redflag.cli;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.AnnotationTemplate;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default rule pack in {@code alerts-config/} stays valid and passes its rule tests, so that a
 * bad edit of a rule or a test file fails the build rather than the job or the on-call.
 */
class RulePackTest {

    private static final String CONFIG = "../alerts-config/";
    private static final String KPIS = CONFIG + "kpis.yaml";

    @Test
    void theRulesAreValid() {
        assertSucceeds("validate", CONFIG + "rules", "--kpis", KPIS);
    }

    @Test
    void theRoutingAndSilencesFilesAreValidatedWithTheRules() {
        CliRun run = CliRun.run("validate", CONFIG + "rules", "--kpis", KPIS);
        assertThat(run.out()).contains("routes, 6 receivers, 1 inhibit rule and 2 mute time intervals in "
                + CONFIG + "routes.yaml\n", "OK: 0 silences in " + CONFIG + "silences.yaml\n");
    }

    @Test
    void theRuleTestsPass() {
        assertSucceeds("test", CONFIG + "tests", "--kpis", KPIS);
    }

    @Test
    void aSliceFiringNamesItsSliceInTheHeadlineWhoseNumbersAreThatSlices() throws Exception {
        KpiCatalog catalog = KpiDefinitions.load(Path.of(KPIS), List.of(WindowSpec.tumbling(Duration.ofHours(1))));
        Rule bounce = RuleLoader.parseAll(RuleBundle.read(Path.of(CONFIG + "rules")).files(), catalog).rules().stream()
                .filter(r -> r.alert().equals("BounceRateRising")).findFirst().orElseThrow();
        AnnotationTemplate summary = AnnotationTemplate.compile(bounce.annotations().get("summary"));
        Map<String, Object> scope = new HashMap<>(Map.of("page", "/", "tenant", "globex", "firing", true,
                "resolved", false, "value_text", "87.9%", "baseline_text", "34.6%", "change_text", "+53 points",
                "judged_window", "1h", "slice", "channel=email,device=mobile"));

        assertThat(summary.render(scope)).isEqualTo("Bounce rate on / (globex) rose to 87.9% for "
                + "channel=email,device=mobile over the last 1h, usually 34.6% (+53 points)");
        scope.put("slice", "");
        assertThat(summary.render(scope))
                .isEqualTo("Bounce rate on / (globex) rose to 87.9% over the last 1h, usually 34.6% (+53 points)");
    }

    private static void assertSucceeds(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Redflag.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute(args);
        assertThat(exit).as("redflag %s exited %d:%n%s", String.join(" ", args), exit, out).isZero();
    }
}
