package dev.redflag.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

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

    private static void assertSucceeds(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Redflag.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute(args);
        assertThat(exit).as("redflag %s exited %d:%n%s", String.join(" ", args), exit, out).isZero();
    }
}
