package dev.redflag.scorecard;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EffectSizeTest {

    @Test
    void aRatioDoublingOverAHundredSessions() {
        // |0.8 - 0.4| · √(100 / (0.4 · 0.6)) = 0.4 · 20.4124
        assertThat(EffectSize.ratio(0.4, 0.8, 100)).isCloseTo(8.164966, within(1e-6));
    }

    @Test
    void npsTwentyPointsDownOverAHundredAnswers() {
        // sd of one answer: √(100² · 0.70 − 40²) = √5400 = 73.4847; 20 · √100 / 73.4847
        assertThat(EffectSize.nps(0.55, 0.15, -20, 100)).isCloseTo(2.721655, within(1e-6));
    }

    @Test
    void aCountFallingToThirtyPercentOfAHundred() {
        assertThat(EffectSize.poisson(100, 0.3)).isCloseTo(7, within(1e-12));
    }

    @Test
    void aStallIsTheZOfSeeingNoSql() {
        // Φ(−5) = 2.8665e−7, so E = −ln Φ(−5) = 15.0650 SQLs expected make a 5 SE stall
        assertThat(EffectSize.stall(15.06500)).isCloseTo(5, within(1e-4));
        assertThat(EffectSize.stall(0.5)).isZero();
        assertThat(EffectSize.stall(2000)).isCloseTo(Math.sqrt(4000), within(1e-9));
    }

    @Test
    void anIncidentsEffectSumsTheSeasonalVolumeOverItsHours() {
        // Monday 13:00–16:00 at 12/h: 12 · 1.12 · ((1 + 0.5 cos(−π/12)) + 1.5 + (1 + 0.5 cos(π/12)))
        RatioModel bounce = new RatioModel("bounce_rate", 0.4, List.of(), List.of());
        long start = Grid.START.toEpochMilli();
        long incident = Instant.parse("2026-02-02T13:00:00Z").toEpochMilli();
        Scenario s = new Scenario(bounce, Volume.perHour(12), Effect.times(2), Duration.ofHours(3), start,
                start + Grid.WARM_UP.toMillis(), incident, incident + Duration.ofDays(14).toMillis(), 1);
        double expected = 13.44 * (3.5 + Math.cos(Math.PI / 12));
        assertThat(s.expectedDuringIncident()).isCloseTo(expected, within(1e-9)).isCloseTo(60.0220, within(1e-4));
        // with the model's noise: beta concentration 2,000 on the hourly rate, a 5% day-level spread
        double variance = expected * 0.24 * (1 + expected / 3 / 2001) + Math.pow(0.05 * 0.4 * expected, 2);
        assertThat(bounce.effectSize(s)).isCloseTo(0.4 * expected / Math.sqrt(variance), within(1e-9))
                .isCloseTo(6.004, within(1e-3));
    }
}
