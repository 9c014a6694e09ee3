package dev.redflag.scorecard;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeasonalityTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void volumePeaksOnWeekdayAfternoonsAndBottomsOutOnWeekendNights() {
        // Monday 14:00: 1.5 (the daily peak) x 1.12 (a weekday)
        assertThat(Seasonality.volume(at("2026-01-05T14:00:00Z"))).isCloseTo(1.68, within(1e-12));
        // Saturday 02:00: 0.5 x 0.7
        assertThat(Seasonality.volume(at("2026-01-10T02:00:00Z"))).isCloseTo(0.35, within(1e-12));
        // Wednesday 08:00: six hours before the peak, cos = 0
        assertThat(Seasonality.volume(at("2026-01-07T08:00:00Z"))).isCloseTo(1.12, within(1e-12));
        // Sunday 20:00: 0.7 x (1 + 0.5 cos(π/2))
        assertThat(Seasonality.volume(at("2026-01-11T20:00:00Z"))).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void volumeAveragesOneOverAWeekOfHours() {
        double sum = 0;
        for (int h = 0; h < 7 * 24; h++) {
            sum += Seasonality.volume(Grid.START.toEpochMilli() + h * Scenario.HOUR);
        }
        assertThat(sum / (7 * 24)).isCloseTo(1, within(1e-12));
    }

    @Test
    void ratesMoveFivePercentWithTheHourOfDay() {
        assertThat(Seasonality.rate(at("2026-01-06T14:00:00Z"))).isCloseTo(1.05, within(1e-12));
        assertThat(Seasonality.rate(at("2026-01-10T02:00:00Z"))).isCloseTo(0.95, within(1e-12));
        assertThat(Seasonality.rate(at("2026-01-07T20:00:00Z"))).isCloseTo(1, within(1e-12));
    }
}
