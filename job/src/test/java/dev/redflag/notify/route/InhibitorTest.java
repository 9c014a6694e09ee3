package dev.redflag.notify.route;

import dev.redflag.labels.MatcherSyntax;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.redflag.notify.route.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

class InhibitorTest {

    /** From routes.yaml: critical mutes warning with the same tenant. */
    private final Inhibitor inhibitor = Fixtures.routes().inhibitor();

    private final Map<String, String> warningAcme = labels("alertname", "SlowCheckout", "severity", "warning",
            "tenant", "acme");
    private final Map<String, String> criticalAcme = labels("alertname", "CheckoutDown", "severity", "critical",
            "tenant", "acme");

    @Test
    void aFiringSourceWithEqualLabelsMutesTheTarget() {
        assertThat(inhibitor.isInhibited(warningAcme, List.of(criticalAcme, warningAcme))).isTrue();
    }

    @Test
    void aSourceWithDifferentEqualLabelsDoesNot() {
        Map<String, String> criticalBeta = labels("alertname", "CheckoutDown", "severity", "critical",
                "tenant", "beta");
        assertThat(inhibitor.isInhibited(warningAcme, List.of(criticalBeta))).isFalse();
        Map<String, String> criticalNoTenant = labels("alertname", "CheckoutDown", "severity", "critical");
        assertThat(inhibitor.isInhibited(warningAcme, List.of(criticalNoTenant))).isFalse();
    }

    @Test
    void anEqualLabelAbsentOnBothSidesCountsAsEqual() {
        Map<String, String> warning = labels("alertname", "A", "severity", "warning");
        Map<String, String> critical = labels("alertname", "B", "severity", "critical");
        assertThat(inhibitor.isInhibited(warning, List.of(critical))).isTrue();
    }

    @Test
    void withoutEqualLabelsAnyFiringSourceMutesEveryTarget() {
        Inhibitor broad = new Inhibitor(List.of(new InhibitRule(
                List.of(MatcherSyntax.parse("alertname=\"KafkaDown\"")),
                List.of(MatcherSyntax.parse("alertname!=\"KafkaDown\"")), List.of())));
        Map<String, String> kafka = labels("alertname", "KafkaDown", "cluster", "eu");
        assertThat(broad.isInhibited(warningAcme, List.of(kafka))).isTrue();
        assertThat(broad.isInhibited(warningAcme, List.of())).isFalse();
        assertThat(broad.isInhibited(kafka, List.of(kafka))).isFalse();
    }

    @Test
    void nothingFiringOrOnlyTargetsFiringInhibitsNothing() {
        assertThat(inhibitor.isInhibited(warningAcme, List.of())).isFalse();
        assertThat(inhibitor.isInhibited(warningAcme, List.of(warningAcme))).isFalse();
        assertThat(inhibitor.isInhibited(criticalAcme, List.of(criticalAcme, warningAcme))).isFalse();
    }

    @Test
    void anAlertNeverInhibitsItselfNorDoAlertsMatchingBothSidesInhibitEachOther() {
        Inhibitor any = new Inhibitor(List.of(new InhibitRule(
                List.of(MatcherSyntax.parse("severity=~\"critical|warning\"")),
                List.of(MatcherSyntax.parse("severity=~\"critical|warning\"")), List.of("tenant"))));
        Map<String, String> other = labels("alertname", "Other", "severity", "critical", "tenant", "acme");
        assertThat(any.isInhibited(criticalAcme, List.of(criticalAcme))).isFalse();
        assertThat(any.isInhibited(criticalAcme, List.of(criticalAcme, other))).isFalse();
        assertThat(any.isInhibited(other, List.of(criticalAcme, other))).isFalse();
    }
}
