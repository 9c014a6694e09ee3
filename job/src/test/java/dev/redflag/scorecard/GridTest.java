package dev.redflag.scorecard;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GridTest {

    private static final KpiModel BOUNCE = Grid.MODELS.get(0);

    @Test
    void everyKpiVolumeIncidentAndLengthWithAQuietHistoryPerVolume() {
        // incidents: bounce 5·3·3, conversion 5·2·3, nps 5·3·3, funnel 4·1·3, churn 4·2·3, sessions 5·1·3;
        // quiet: 5 + 5 + 5 + 4 + 4 + 5 + 5 (arpu)
        List<Scenario> one = Grid.scenarios(Grid.MODELS, 1);
        assertThat(one.stream().filter(s -> !s.quiet())).hasSize(45 + 30 + 45 + 12 + 24 + 15);
        assertThat(one.stream().filter(Scenario::quiet)).hasSize(33);
        assertThat(Grid.scenarios(Grid.MODELS, 3)).hasSize(3 * 204);
    }

    @Test
    void anIncidentStartsOnAnHourOfTheTestPeriodWithItsDayOfGraceInside() {
        Scenario s = Grid.incident(BOUNCE, Volume.perHour(12), Effect.times(2), Duration.ofDays(7), 0);
        assertThat(Instant.ofEpochMilli(s.start())).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(s.warmUpEnd())).isEqualTo(Instant.parse("2026-02-02T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(s.end())).isEqualTo(Instant.parse("2026-02-16T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(s.incidentStart())).isEqualTo(Instant.parse("2026-02-02T20:00:00Z"));
        assertThat(s.incidentEnd() - s.incidentStart()).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(s.inIncident(s.incidentStart())).isTrue();
        assertThat(s.inIncident(s.incidentStart() - Scenario.HOUR)).isFalse();
        assertThat(s.inIncident(s.incidentEnd() - Scenario.HOUR)).isTrue();
        assertThat(s.inIncident(s.incidentEnd())).isFalse();
        assertThat(s.hours()).isEqualTo(42 * 24);
    }

    @Test
    void incidentStartsSpreadOverTheTestPeriodAndStayInIt() {
        List<Scenario> all = Grid.scenarios(Grid.MODELS, 2).stream().filter(s -> !s.quiet()).toList();
        for (Scenario s : all) {
            assertThat(s.incidentStart()).isGreaterThanOrEqualTo(s.warmUpEnd());
            assertThat(s.incidentEnd() + Outcome.GRACE).isLessThanOrEqualTo(s.end());
            assertThat(s.incidentStart() % Scenario.HOUR).isZero();
        }
        assertThat(all.stream().map(Scenario::incidentStart).distinct().count()).isGreaterThan(all.size() / 2);
    }

    @Test
    void aQuietHistoryTestsFiftySixDaysAfterItsWarmUp() {
        Scenario s = Grid.quiet(BOUNCE, Volume.perDay(10), 0);
        assertThat(s.quiet()).isTrue();
        assertThat(s.testDays()).isEqualTo(56);
        assertThat(s.inIncident(s.warmUpEnd())).isFalse();
    }
}
