package dev.redflag.backtest;

import dev.redflag.alert.AlertState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.redflag.backtest.Fixtures.CATALOG;
import static dev.redflag.backtest.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private final Fixtures.Bounce pricing = new Fixtures.Bounce("/pricing");
    private final Fixtures.Bounce blog = new Fixtures.Bounce("/blog");

    @Test
    void firingOpensAPeriodAndResolvedClosesIt() {
        Timeline timeline = Timeline.of(List.of(
                pricing.pending(6, 0.7), pricing.firing(7, 0.75), pricing.resolved(7, 10, 0.3)), CATALOG);
        assertThat(timeline.periods()).hasSize(1);
        FiringPeriod p = timeline.periods().get(0);
        assertThat(p.ruleId()).isEqualTo("web/BounceRateRising");
        assertThat(p.series()).isEqualTo(new AlertSeries("bounce_rate", "1h",
                new java.util.TreeMap<>(Map.of("page", "/pricing", "tenant", "acme"))));
        assertThat(p.pendingSince()).isEqualTo(t(6));
        assertThat(p.pendingFor()).isEqualTo(Duration.ofHours(1));
        assertThat(p.period()).isEqualTo(new AlertPeriod("BounceRateRising", "fp-/pricing", t(7), t(10)));
        assertThat(p.notes()).containsExactly("pending 1h");
        assertThat(timeline.pendingNotFired()).isEmpty();
    }

    @Test
    void aPeriodStillFiringAtTheEndIsOpenEnded() {
        Timeline timeline = Timeline.of(List.of(Fixtures.stallFiring(7)), CATALOG);
        FiringPeriod p = timeline.periods().get(0);
        assertThat(p.isOpen()).isTrue();
        assertThat(p.period().isOpen()).isTrue();
        assertThat(p.pendingSince()).isEqualTo(AlertState.NO_TIME);
        assertThat(p.firingFor(t(13))).isEqualTo(Duration.ofHours(6));
        assertThat(p.series().title()).isEqualTo("mql_to_sql_rate{channel=\"ads\",tenant=\"acme\"}");
    }

    @Test
    void pendingThatNeverFiresIsCountedPerRuleNotAPeriod() {
        Timeline timeline = Timeline.of(List.of(
                pricing.pending(2, 0.5),          // dropped back to inactive
                pricing.pending(4, 0.6), pricing.firing(5, 0.7), pricing.resolved(5, 6, 0.3),
                blog.pending(8, 0.9)),            // still pending when the history ends
                CATALOG);
        assertThat(timeline.periods()).extracting(FiringPeriod::pendingSince).containsExactly(t(4));
        assertThat(timeline.pendingNotFired()).containsExactly(Map.entry("web/BounceRateRising", 2));
    }

    @Test
    void seriesAreKeptApartAndOrderedByStart() {
        Timeline timeline = Timeline.of(List.of(
                pricing.firing(3, 0.7), blog.firing(4, 0.9), pricing.resolved(3, 5, 0.3),
                pricing.firing(8, 0.8), blog.resolved(4, 9, 0.4)), CATALOG);
        assertThat(timeline.periods()).extracting(p -> p.series().dims().get("page") + " " + p.start() + ".."
                        + (p.isOpen() ? "open" : p.end()))
                .containsExactly("/pricing " + t(3) + ".." + t(5), "/blog " + t(4) + ".." + t(9),
                        "/pricing " + t(8) + "..open");
        assertThat(timeline.of("web/BounceRateRising")).hasSize(3);
        assertThat(timeline.of("funnel/MqlToSqlStalled")).isEmpty();
    }

    @Test
    void flappingOnFiringOrResolutionMarksThePeriod() {
        Timeline timeline = Timeline.of(List.of(pricing.firingFlapping(3, 0.7), pricing.resolved(3, 5, 0.3)),
                CATALOG);
        assertThat(timeline.periods().get(0).flapping()).isTrue();
        assertThat(timeline.periods().get(0).notes()).containsExactly("flapping");
    }

    @Test
    void aRepeatedFiringOrAStrayResolutionChangesNothing() {
        Timeline timeline = Timeline.of(List.of(pricing.resolved(1, 2, 0.3), pricing.firing(3, 0.7),
                pricing.firing(4, 0.8), pricing.resolved(3, 5, 0.3)), CATALOG);
        assertThat(timeline.periods()).extracting(FiringPeriod::period)
                .containsExactly(new AlertPeriod("BounceRateRising", "fp-/pricing", t(3), t(5)));
    }
}
