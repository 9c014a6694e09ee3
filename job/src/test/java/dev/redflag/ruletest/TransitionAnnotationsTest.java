package dev.redflag.ruletest;

import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.yaml.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An expected transition may name annotations, so a resolved notice's own wording can be checked. */
class TransitionAnnotationsTest {

    private static final Path DIR = Path.of("src/test/resources/ruletest");
    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private static RuleTestFile read(String transitions) {
        return RuleTestReader.parse("""
                rule_files: [rules]
                tests:
                  - name: wording
                    start: 2026-11-02T00:00:00Z
                    input:
                      - {kpi: bounce_rate, dims: {tenant: acme, page: /p}, values: "0.3", denominators: 10}
                    transitions:
                """ + transitions.indent(6), "wording.test.yaml", DIR, CATALOG);
    }

    @Test
    void aTransitionReadsItsAnnotations() {
        ExpectedTransition t = read("""
                - alert: BounceHigh
                  state: resolved
                  at: 2h
                  annotations: {summary: "back to 0.3"}
                - {alert: BounceHigh, state: firing, at: 1h}
                """).tests().get(0).transitions().get(0);
        assertThat(t.phase()).isEqualTo(Transition.Phase.RESOLVED);
        assertThat(t.annotations()).isEqualTo(Map.of("summary", "back to 0.3"));
    }

    @Test
    void withoutAnnotationsNoneAreExpected() {
        assertThat(read("- {alert: BounceHigh, state: firing, at: 1h}").tests().get(0).transitions().get(0)
                .annotations()).isEmpty();
    }

    @Test
    void annotationsAreTextByName() {
        assertThatThrownBy(() -> read("- {alert: BounceHigh, state: firing, at: 1h, annotations: [x]}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("annotations");
    }
}
