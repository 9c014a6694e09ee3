package dev.redflag.ruletest;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.yaml.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second moments of the KPI values a rule test's {@code input} builds: what the shift detector
 * reads as how much each window varies.
 */
class SeriesInputMomentsTest {

    private static final Path DIR = Path.of("src/test/resources/ruletest");
    private static final KpiCatalog CATALOG = KpiDefinitions.parse("""
            custom:
              - {name: revenue, kind: sum, event: order, field: amount, by: [tenant, channel], unit: currency}
              - {name: signups, kind: count, event: session, where: {converted: true}, by: [tenant, channel]}
            """, "kpis.yaml", List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private static List<KpiValue> values(String input) {
        String yaml = """
                rule_files: [rules]
                tests:
                  - name: moments
                    start: 2026-11-02T00:00:00Z
                    input:
                """ + input.indent(6) + """
                    transitions: []
                """;
        RuleTestFile file = RuleTestReader.parse(yaml, "moments.test.yaml", DIR, CATALOG);
        return file.tests().get(0).series().get(0).kpiValues();
    }

    /** numerator, denominator, sample, Σa², Σab, Σb² of each value. */
    private static List<String> moments(List<KpiValue> values) {
        return values.stream().map(v -> v.numerator() + " " + v.denominator() + " " + v.sample() + " "
                + v.numeratorSquares() + " " + v.crossProducts() + " " + v.denominatorSquares()).toList();
    }

    @Test
    void aCountedRatioLeavesItsMomentsUnknownForTheDetectorToReadAsCountedOutcomes() {
        List<KpiValue> v = values("""
                - kpi: bounce_rate
                  dims: {tenant: acme, page: /pricing}
                  values: "0.4 0.5"
                  denominators: "10 30"
                """);
        assertThat(moments(v)).containsExactly("4.0 10.0 10 NaN NaN NaN", "15.0 30.0 30 NaN NaN NaN");
    }

    @Test
    void npsWithoutSquaresHasNoPassives() {
        // NPS 40 of 15 answers: numerator 0.4 × 15 = 6 (promoters − detractors); Σa² = 15
        List<KpiValue> v = values("""
                - kpi: nps
                  dims: {tenant: acme, segment: smb}
                  values: "40 -20"
                  denominators: "15 30"
                """);
        assertThat(moments(v)).containsExactly("6.0 15.0 15 15.0 6.0 15.0", "-6.0 30.0 30 30.0 -6.0 30.0");
    }

    @Test
    void squaresGiveSigmaASquaredPerWindowWithTheDenominatorAsSigmaBSquared() {
        // 60 answers, NPS 40: e.g. 30 promoters, 6 detractors, 24 passives: Σa² = 36, Σa = 24
        List<KpiValue> v = values("""
                - kpi: nps
                  dims: {tenant: acme, segment: smb}
                  values: "40x2 _ 10"
                  denominators: "60x2 _ 90"
                  squares: "36x2 _ 50"
                """);
        assertThat(moments(v)).containsExactly("24.0 60.0 60 36.0 24.0 60.0", "24.0 60.0 60 36.0 24.0 60.0",
                "9.0 90.0 90 50.0 9.0 90.0");
        assertThat(v).extracting(x -> Instant.ofEpochMilli(x.windowStart()).toString()).containsExactly(
                "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", "2026-11-02T03:00:00Z");
    }

    @Test
    void arpuSquaresAreTheOrdersSumOfSquaredAmounts() {
        // 200 active customers, ARPU 1.5: revenue 300 from 6 orders of 50, Σ amount² = 6 × 2500
        List<KpiValue> v = values("""
                - kpi: arpu
                  dims: {tenant: acme}
                  values: 1.5
                  denominators: 200
                  squares: 15000
                """);
        assertThat(moments(v)).containsExactly("300.0 200.0 200 15000.0 300.0 200.0");
    }

    @Test
    void aSumWithSquaresCountsOneDenominatorUnitPerEvent() {
        // revenue 300 from 4 orders: 100, 100, 50, 50 → Σa² = 25000
        List<KpiValue> v = values("""
                - kpi: revenue
                  dims: {tenant: acme, channel: ads}
                  values: 300
                  samples: 4
                  squares: 25000
                """);
        assertThat(moments(v)).containsExactly("NaN NaN 4 25000.0 300.0 4.0");
    }

    @Test
    void squaresBelowWhatTheSumAllowsOrOnACountAreProblems() {
        assertThatThrownBy(() -> values("""
                - kpi: nps
                  dims: {tenant: acme, segment: smb}
                  values: "40 40"
                  denominators: 60
                  squares: "36 0.6"
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("window 2: Σa² of 60.0 events adding up to 24.0 is at least 9.6, got 0.6");
        assertThatThrownBy(() -> values("""
                - kpi: signups
                  dims: {tenant: acme, channel: ads}
                  values: 3
                  squares: 3
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("signups is a count KPI; squares (Σa² of the events) apply to ratio and sum KPIs only");
        assertThatThrownBy(() -> values("""
                - kpi: nps
                  dims: {tenant: acme, segment: smb}
                  values: "40 40 40"
                  denominators: 60
                  squares: "36 36"
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("2 squares for 3 values");
    }
}
