package dev.redflag.pipeline;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleBundle;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule set that does not validate never reaches the evaluating operators. */
class RuleSetGateTest {

    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private static String bundle(String yaml) {
        return new String(new RuleBundle(new TreeMap<>(Map.of("r.yaml", yaml))).toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void validSetsPassAndBrokenOnesAreDroppedWhole() throws Exception {
        String good = bundle("""
                groups:
                  - name: web
                    rules:
                      - {alert: BounceHigh, kpi: bounce_rate, when: {above: 0.5}, severity: warning}
                """);
        String broken = bundle("""
                groups:
                  - name: web
                    rules:
                      - {alert: BounceHigh, kpi: bounce_rate, when: {above: 0.5}, severity: warning}
                      - {alert: Typo, kpi: bounce_rat, when: {above: 0.5}, severity: warning}
                """);
        OneInputStreamOperatorTestHarness<String, String> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new RuleSetGate(CATALOG, null));
        h.processElement(good, 0);
        h.processElement(broken, 0);
        h.processElement("not a bundle", 0);
        assertThat(h.extractOutputValues()).containsExactly(good);
        h.close();
    }
}
