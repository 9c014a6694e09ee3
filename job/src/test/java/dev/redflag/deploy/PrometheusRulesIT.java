package dev.redflag.deploy;

import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus' own tool accepts the shipped configuration and rule files, and the rules pass their
 * unit tests ({@code deploy/prometheus/tests}: every health alert fires on its incident and stays
 * quiet on its near miss): {@code promtool check config}, {@code check rules}, {@code test rules}.
 */
@RequiresProgram(Program.PROMTOOL)
class PrometheusRulesIT {

    @Test
    void theConfigurationIsValidAndNamesTheRuleFiles() throws Exception {
        Promtool run = promtool("check", "config", RuleFiles.PROMETHEUS.resolve("prometheus.yml").toString());
        assertThat(run.exit()).as(run.output()).isZero();
        for (Path file : RuleFiles.files()) {
            assertThat(run.output()).contains("Checking " + RuleFiles.PROMETHEUS.resolve("rules")
                    .resolve(file.getFileName()));
        }
    }

    @Test
    void theRuleFilesAreValid() throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        RuleFiles.files().forEach(f -> args.add(f.toString()));
        Promtool run = promtool(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: 8 rules found", "SUCCESS: 4 rules found");
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        RuleFiles.tests().forEach(f -> args.add(f.toString()));
        assertThat(args).hasSizeGreaterThan(2);
        Promtool run = promtool(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("FAILED");
    }

    private record Promtool(int exit, String output) {
    }

    private static Promtool promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Program.PROMTOOL.path().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Promtool(process.exitValue(), String.join(" ", command) + "\n"
                + new String(output, StandardCharsets.UTF_8));
    }
}
