package dev.redflag.cli;

import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.redflag.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag validate}, in-process: what it prints and how it exits. */
class ValidateCommandTest {

    private static final Path RULES = Path.of("src/test/resources/rules");
    private static final String KPIS = RULES.resolve("kpis.yaml").toString();

    @TempDir
    Path dir;

    @Test
    void validRulesPrintACountAndTheVersionAndExit0() {
        Path valid = RULES.resolve("valid");
        String version = RuleLoader.load(valid, KpiDefinitions.load(Path.of(KPIS),
                List.of(WindowSpec.tumbling(Duration.ofHours(1))))).version();

        assertThat(run("validate", valid.toString(), "--kpis", KPIS))
                .isEqualTo(new CliRun(0, "OK: 12 rules in 3 groups from 2 files (version " + version + ")\n", ""));
        assertThat(version).matches("[0-9a-f]{12}");
    }

    @Test
    void aSingleFileCanBeValidated() throws Exception {
        Path file = dir.resolve("one.yaml");
        Files.writeString(file, "groups:\n  - name: g\n    rules:\n      - {alert: A, kpi: nps, when: {below: 0}, severity: info}\n");

        CliRun run = run("validate", file.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("OK: 1 rule in 1 group from 1 file (version ").endsWith(")\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void problemsArePrintedOnePerLineAndExit1() {
        String a = RULES.resolve("broken/a.yaml").toString();
        String b = RULES.resolve("broken/b.yaml").toString();

        CliRun run = run("validate", RULES.resolve("broken").toString(), "--kpis", KPIS);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                a + ":5:14: groups[0].rules[0].kpi: unknown KPI 'bounce_rat'; did you mean 'bounce_rate'?",
                a + ":6:30: groups[0].rules[0].when.precent: unknown key 'precent'; did you mean 'percent'?",
                a + ":7:19: groups[0].rules[0].severity: 'warnig' is not one of critical, warning, info; did you "
                        + "mean 'warning'?",
                b + ":2:11: groups[0].name: group 'web' is already defined at " + a + ":2:11; group names are "
                        + "unique across all rule files",
                b + ":6:14: groups[0].rules[0].for: '30s1m' must list units from largest to smallest, each once; "
                        + "write 1m30s",
                b + ":7:16: groups[0].rules[0].when.stall: KPI 'signups' is a count, which reports nothing for a "
                        + "window without events, so it never reads 0 and cannot stall; use {absent: <duration>} to "
                        + "alert when its events stop");
    }

    private static final String RULE = """
            groups:
              - name: g
                rules:
                  - {alert: A, kpi: nps, when: {below: 0}, severity: info}
            """;
    private static final String ROUTES = """
            route:
              receiver: all
              routes:
                - matchers: ['severity="critical"']
                  receiver: pager
                  routes: [{matchers: {team: growth}}]
            receivers: [{name: all}, {name: pager, slack: {channel: "#pager"}}]
            """;
    private static final String SILENCES = """
            silences:
              - id: a1
                matchers: ['alertname="A"']
                starts_at: 2026-11-24T10:00:00Z
                ends_at: 2026-11-24T12:00:00Z
                created_by: alice
                comment: deploy
            """;

    @Test
    void theRoutingAndSilencesFilesBesideTheRuleDirectoryAreValidatedToo() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("alerts-config/rules"));
        Files.writeString(rules.resolve("r.yaml"), RULE);
        Files.writeString(dir.resolve("alerts-config/routes.yaml"), ROUTES);
        Files.writeString(dir.resolve("alerts-config/silences.yaml"), SILENCES);

        CliRun run = run("validate", rules.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("OK: 1 rule in 1 group from 1 file \\(version [0-9a-f]{12}\\)");
        assertThat(lines.subList(1, 3)).containsExactly(
                "OK: 2 routes, 2 receivers, 0 inhibit rules and 0 mute time intervals in "
                        + dir.resolve("alerts-config/routes.yaml"),
                "OK: 1 silence in " + dir.resolve("alerts-config/silences.yaml"));
    }

    @Test
    void everyFilesProblemsArePrintedAndExit1() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("r.yaml"), RULE.replace("severity: info", "severity: infos"));
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, ROUTES.replace("receiver: pager", "reciever: pager"));
        Path silences = dir.resolve("silences.yaml");
        Files.writeString(silences, SILENCES.replace("ends_at: 2026-11-24T12:00:00Z", "ends_at: noon"));

        CliRun run = run("validate", rules.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                rules.resolve("r.yaml") + ":4:58: groups[0].rules[0].severity: 'infos' is not one of critical, "
                        + "warning, info; did you mean 'info'?",
                routes + ":5:7: route.routes[0].reciever: unknown key 'reciever'; did you mean 'receiver'?",
                silences + ":5:14: silences[0].ends_at: 'noon' is not a time; write e.g. 2026-11-24T10:00:00Z");
    }

    @Test
    void routingAndSilencesFilesCanBeNamed() throws Exception {
        Path rule = dir.resolve("one.yaml");
        Files.writeString(rule, RULE);
        Path routes = dir.resolve("my-routes.yaml");
        Files.writeString(routes, ROUTES);
        Files.writeString(dir.resolve("routes.yaml"), "not: routes\n"); // beside a single file: not read

        CliRun run = run("validate", rule.toString(), "--routes", routes.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("OK: 2 routes, 2 receivers, 0 inhibit rules and 0 mute time intervals in "
                + routes + "\n").doesNotContain("silence");

        assertThat(run("validate", rule.toString(), "--silences", dir.resolve("nope.yaml").toString()))
                .isEqualTo(new CliRun(2, "", "silences file not found: " + dir.resolve("nope.yaml") + "\n"));
        assertThat(run("validate", rule.toString(), "--routes", dir.resolve("nope.yaml").toString()))
                .isEqualTo(new CliRun(2, "", "routing file not found: " + dir.resolve("nope.yaml") + "\n"));
    }

    @Test
    void besideTheRuleDirectoryKeepsThePathAsRelativeAsItWasGiven() {
        assertThat(ValidateCommand.beside(Path.of("alerts-config/rules/"), "routes.yaml"))
                .isEqualTo(Path.of("alerts-config/routes.yaml"));
        assertThat(ValidateCommand.beside(Path.of("rules"), "routes.yaml")).isEqualTo(Path.of("routes.yaml"));
        assertThat(ValidateCommand.beside(Path.of("../alerts-config/rules"), "routes.yaml"))
                .isEqualTo(Path.of("../alerts-config/routes.yaml"));
        assertThat(ValidateCommand.beside(Path.of("."), "routes.yaml"))
                .isEqualTo(Path.of("").toAbsolutePath().resolveSibling("routes.yaml"));
    }

    @Test
    void withoutKpiDefinitionsTheSeedCatalogIsUsed() {
        // the tests run in job/, where there is no alerts-config/kpis.yaml: seed KPIs only
        CliRun run = run("validate", RULES.resolve("valid/more.yml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(RULES.resolve("valid/more.yml")
                + ":5:14: groups[0].rules[0].kpi: unknown KPI 'revenue'; KPIs are bounce_rate, conversion_rate, "
                + "mql_to_sql_rate, mql_age_p50, nps, churn_rate, retention_rate, arpu, clv, clv_to_cpa, cpa, ctr, "
                + "cpc, email_open_rate, email_click_rate, ngr_to_bets, bets_to_deposits\n");
    }

    @Test
    void missingOrEmptyInputsAreUsageErrorsWithExit2() throws Exception {
        assertThat(run("validate", dir.resolve("nope").toString()))
                .isEqualTo(new CliRun(2, "", "rules not found: " + dir.resolve("nope") + "\n"));
        assertThat(run("validate", dir.toString()))
                .isEqualTo(new CliRun(2, "", "no rule files (*.yaml, *.yml) in " + dir + "\n"));
        Files.writeString(dir.resolve("r.yaml"), "groups: []\n");
        assertThat(run("validate", dir.toString(), "--kpis", dir.resolve("kpis.yaml").toString()))
                .isEqualTo(new CliRun(2, "", "KPI definitions not found: " + dir.resolve("kpis.yaml") + "\n"));

        CliRun noArgument = run("validate");
        assertThat(noArgument.exit()).isEqualTo(2);
        assertThat(noArgument.err()).startsWith("Missing required parameter: 'DIR'\n");
    }

    @Test
    void brokenKpiDefinitionsAreNotARuleProblem() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), "groups: []\n");
        Path kpis = dir.resolve("kpis.yaml");
        Files.writeString(kpis, "custom:\n  - name: x\n    kind: cout\n    event: session\n");

        assertThat(run("validate", dir.toString(), "--kpis", kpis.toString())).isEqualTo(new CliRun(2, "",
                kpis + ":3:11: custom[0].kind: unknown kind 'cout'; use one of count, sum, mean, min, max, last, "
                        + "ratio, metric\n"));
    }
}
