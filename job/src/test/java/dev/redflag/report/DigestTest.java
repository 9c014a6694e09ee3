package dev.redflag.report;

import dev.redflag.backtest.Verdicts;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.WindowSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DigestTest {

    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private final Digest digest = Digest.of(DigestHistory.transitions(), Verdicts.of(DigestHistory.feedback()),
            Set.of("web/BounceRateRising", "web/CheckoutDrop", "funnel/MqlToSqlStalled"),
            DigestHistory.FROM, DigestHistory.UNTIL, CATALOG);

    @Test
    void countsThePeriodsThatStartedInTheSpanPerRuleWithTheLaterVerdictAndTheFirstAcknowledgement() {
        assertThat(digest.rules()).containsExactly(
                // 1h30m + 45m + 3h + 1h; real, real (false alarm replaced), false alarm; acks 4m, 10m, 30m
                new Digest.RuleLine("web/BounceRateRising", 4, 2, Duration.ofMinutes(375), 2, 1, 3,
                        Duration.ofMinutes(10)),
                // still firing at the end: counted until it (20:00 to 24:00); the resolution after it unseen
                new Digest.RuleLine("funnel/MqlToSqlStalled", 1, 1, Duration.ofHours(4), 1, 0, 1,
                        Duration.ofMinutes(2)));
        assertThat(digest.rules().get(0).precision()).contains(2.0 / 3);
        assertThat(digest.stillFiring()).isEqualTo(1);
    }

    @Test
    void theTotalsTakeTheMedianOfEveryAcknowledgementAndThePrecisionOfEveryVerdict() {
        // acknowledged after 2m, 4m, 10m, 30m: the mean of the middle two
        assertThat(digest.total()).isEqualTo(new Digest.RuleLine(null, 5, 3, Duration.ofMinutes(615), 3, 1, 4,
                Duration.ofMinutes(7)));
        assertThat(digest.total().precision()).contains(0.75);
    }

    @Test
    void theNoisiestSeriesComeByPeriodsThenFiringTime() {
        assertThat(digest.noisiest()).containsExactly(
                new Digest.SeriesLine("BounceRateRising{page=\"/pricing\",tenant=\"acme\"}", "web/BounceRateRising", 3,
                        Duration.ofMinutes(195)),
                new Digest.SeriesLine("MqlToSqlStalled{channel=\"ads\",tenant=\"acme\"}", "funnel/MqlToSqlStalled", 1,
                        Duration.ofHours(4)),
                new Digest.SeriesLine("BounceRateRising{page=\"/blog\",tenant=\"acme\"}", "web/BounceRateRising", 1,
                        Duration.ofHours(3)));
    }

    @Test
    void aRuleInForceWithoutAFiringPeriodNeverFiredAndWithoutRulesNothingIsSaid() {
        assertThat(digest.neverFired()).containsExactly("web/CheckoutDrop");
        assertThat(Digest.of(DigestHistory.transitions(), Verdicts.of(List.of()), null, DigestHistory.FROM,
                DigestHistory.UNTIL, CATALOG).neverFired()).isNull();
    }

    @Test
    void withoutFeedbackNothingIsJudgedNorAcknowledged() {
        Digest bare = Digest.of(DigestHistory.transitions(), Verdicts.of(List.of()), null, DigestHistory.FROM,
                DigestHistory.UNTIL, CATALOG);
        assertThat(bare.total()).isEqualTo(new Digest.RuleLine(null, 5, 3, Duration.ofMinutes(615), 0, 0, 0, null));
        assertThat(bare.total().precision()).isEmpty();
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleOne() {
        assertThat(Digest.median(List.of(Duration.ofMinutes(9), Duration.ofMinutes(1), Duration.ofMinutes(4))))
                .isEqualTo(Duration.ofMinutes(4));
        assertThat(Digest.median(List.of())).isNull();
    }
}
