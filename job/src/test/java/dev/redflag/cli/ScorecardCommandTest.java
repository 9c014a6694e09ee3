package dev.redflag.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.redflag.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag scorecard}, in process: its output formats, {@code --check} and its usage errors. */
class ScorecardCommandTest {

    private static final String KPIS = "../alerts-config/kpis.yaml";

    @TempDir
    Path tmp;

    /** A rule that fires on every bounce-rate window: every target missed. */
    private Path alwaysFiring() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(dir.resolve("web.yaml"), """
                groups:
                  - name: web
                    rules:
                      - {alert: AnyBounce, kpi: bounce_rate, when: {above: -1}, severity: warning}
                """);
        return dir;
    }

    @Test
    void csvHasARowPerKpiAndVolumeAndOneForAll() throws IOException {
        CliRun r = run("scorecard", "--rules", alwaysFiring().toString(), "--kpis", KPIS, "--seeds", "1",
                "--threads", "2", "--format", "csv");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("kpi,volume,incidents,detected,strong_incidents,strong_detected,");
        // 5 + 5 + 5 + 4 + 4 + 5 + 5 KPI and volume rows, and all
        assertThat(lines).hasSize(1 + 33 + 1);
        assertThat(lines[1]).startsWith("bounce_rate,10/d,9,");
        assertThat(lines[34]).startsWith("all,,171,");
    }

    @Test
    void checkExitsWithOneWhenATargetIsMissed() throws IOException {
        CliRun r = run("scorecard", "--rules", alwaysFiring().toString(), "--kpis", KPIS, "--seeds", "1",
                "--threads", "2", "--check");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("target at most 1: MISSED").contains("Rules run per KPI: bounce_rate 1, "
                + "conversion_rate 0, nps 0, mql_to_sql_rate 0, churn_rate 0, sessions 0, arpu 0.");
    }

    @Test
    void kpiRunsTheScenariosOfThoseKpisOnly() throws IOException {
        CliRun r = run("scorecard", "--rules", alwaysFiring().toString(), "--kpis", KPIS, "--seeds", "1",
                "--kpi", "bounce_rate", "--kpi", "arpu", "--format", "csv");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().map(l -> l.split(",")[0]).distinct())
                .containsExactly("kpi", "bounce_rate", "arpu", "all");
        assertThat(run("scorecard", "--kpi", "revenue", "--kpis", KPIS, "--rules", alwaysFiring().toString()))
                .isEqualTo(new CliRun(2, "", "the scorecard has no KPI revenue; it has bounce_rate, conversion_rate, "
                        + "nps, mql_to_sql_rate, churn_rate, sessions, arpu\n"));
    }

    @Test
    void usageErrors() throws IOException {
        assertThat(run("scorecard", "--seeds", "0")).isEqualTo(new CliRun(2, "", "--seeds must be at least 1\n"));
        assertThat(run("scorecard", "--rules", tmp.resolve("none").toString(), "--kpis", KPIS).err())
                .isEqualTo("rules not found: " + tmp.resolve("none") + "\n");
    }

    @Test
    void kpisTheDefinitionsLackAreLeftOutAndNamed() throws IOException {
        Path seedOnly = Files.writeString(tmp.resolve("kpis.yaml"), "seed: {}\n");
        CliRun r = run("scorecard", "--rules", alwaysFiring().toString(), "--kpis", seedOnly.toString(), "--seeds",
                "1", "--threads", "2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Not generated: sessions (not in the KPI definitions).")
                .doesNotContain("sessions  ");
    }
}
