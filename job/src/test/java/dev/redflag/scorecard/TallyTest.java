package dev.redflag.scorecard;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.redflag.scorecard.OutcomeTest.INCIDENT;
import static dev.redflag.scorecard.OutcomeTest.UP;
import static dev.redflag.scorecard.OutcomeTest.WARM_UP_END;
import static dev.redflag.scorecard.OutcomeTest.at;
import static dev.redflag.scorecard.OutcomeTest.incident;
import static dev.redflag.scorecard.OutcomeTest.quiet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TallyTest {

    private static final Scenario DAY_LONG = incident(Effect.times(2), Duration.ofDays(1));

    /** Four incidents (three of at least 5 SE, two of those detected after 2h and 12h, one weak one after 6h), two quiet histories. */
    private static final List<Outcome> OUTCOMES = List.of(
            new Outcome(DAY_LONG, 12, List.of(at(INCIDENT + 2 * Scenario.HOUR, UP))),
            new Outcome(DAY_LONG, 5, List.of(at(INCIDENT + 12 * Scenario.HOUR, UP),
                    at(INCIDENT + 5 * Scenario.DAY, UP))),
            new Outcome(DAY_LONG, 7.5, List.of()),
            new Outcome(DAY_LONG, 2, List.of(at(INCIDENT + 6 * Scenario.HOUR, UP), at(WARM_UP_END - 1, UP))),
            new Outcome(quiet(), Double.NaN, List.of(at(WARM_UP_END + Scenario.DAY, UP))),
            new Outcome(quiet(), Double.NaN, List.of(at(WARM_UP_END + 2 * Scenario.DAY, UP),
                    at(WARM_UP_END + 3 * Scenario.DAY, UP), at(WARM_UP_END - Scenario.DAY, UP))));

    @Test
    void countsDetectionsMediansAndFalseAlerts() {
        Tally t = Tally.of("bounce_rate", "12/h", OUTCOMES);
        assertThat(t.incidents()).isEqualTo(4);
        assertThat(t.detected()).isEqualTo(3);
        assertThat(t.strong()).isEqualTo(3);
        assertThat(t.strongDetected()).isEqualTo(2);
        assertThat(t.strongDetectionRate()).isCloseTo(2.0 / 3, within(1e-12));
        // 2h, 6h, 12h
        assertThat(t.medianTimeToDetectHours()).isEqualTo(6);
        assertThat(t.medianTimeToDetectShare()).isEqualTo(0.25);
        // of the strong ones: 2h and 12h of 24h
        assertThat(t.strongMedianShare()).isCloseTo(7.0 / 24, within(1e-12));
        // 3 firings in 2 · 56 quiet days
        assertThat(t.quietDays()).isEqualTo(112);
        assertThat(t.quietFalseAlerts()).isEqualTo(3);
        assertThat(t.falseAlertsPer100SeriesDays()).isCloseTo(300.0 / 112, within(1e-12));
        assertThat(t.incidentFalseAlerts()).isEqualTo(1);
        assertThat(t.warmUpFirings()).isEqualTo(2);
    }

    @Test
    void targetsAreJudgedOnTheStrongIncidentsAndTheQuietHistories() {
        Targets targets = ScorecardReport.of(OUTCOMES).targets();
        assertThat(targets.detectionMet()).isFalse();
        assertThat(targets.timeToDetectMet()).isTrue();
        assertThat(targets.falseAlertsMet()).isFalse();
        assertThat(targets.met()).isFalse();
        assertThat(targets.lines()).containsExactly(
                "incidents of at least 5 SE detected: 2 of 3 (67%), target at least 95%: MISSED",
                "median time to detect of those, as a share of the incident's length: 1d 0.29, target at most 0.33 at each "
                        + "length: met",
                "false alerts per 100 series-days (quiet histories, 112.00 series-days): 2.68, target at most 1: MISSED");
    }

    @Test
    void noIncidentsAndNoFiringsMeetEveryTarget() {
        Targets targets = ScorecardReport.of(List.of(new Outcome(quiet(), Double.NaN, List.of()))).targets();
        assertThat(targets.met()).isTrue();
    }

    @Test
    void timeToDetectIsJudgedAtEachIncidentLength() {
        // a 3h incident detected after 2h (0.67) and a week-long one after 2h (0.01): met over all, not at 3h
        Scenario shortOne = incident(Effect.times(2), Duration.ofHours(3));
        Scenario longOne = incident(Effect.times(2), Duration.ofDays(7));
        ScorecardReport report = ScorecardReport.of(List.of(
                new Outcome(shortOne, 9, List.of(at(INCIDENT + 2 * Scenario.HOUR, UP))),
                new Outcome(longOne, 9, List.of(at(INCIDENT + 2 * Scenario.HOUR, UP))),
                new Outcome(longOne, 9, List.of(at(INCIDENT + 2 * Scenario.HOUR, UP)))));
        assertThat(report.all().strongMedianShare()).isCloseTo(2.0 / 168, within(1e-12));
        assertThat(report.targets().timeToDetectMet()).isFalse();
        assertThat(report.targets().lines().get(1)).isEqualTo("median time to detect of those, as a share of the "
                + "incident's length: 3h 0.67, 7d 0.01, target at most 0.33 at each length: MISSED");
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertThat(Medians.of(List.of(3.0, 1.0, 2.0))).isEqualTo(2);
        assertThat(Medians.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Medians.of(List.of())).isNaN();
    }

    @Test
    void theReportHasARowPerKpiAndVolumeAndOneForAll() {
        ScorecardReport report = ScorecardReport.of(OUTCOMES);
        assertThat(report.markdown()).isEqualTo("""
                | KPI | volume | incidents | detected | ≥5 SE detected | median TTD | TTD/length | false/100 series-days | false in incident runs | warm-up firings |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---:|
                | bounce_rate | 12/h | 4 | 3 | 2/3 67% | 6h | 0.25 | 2.68 | 1 | 2 |
                | all |  | 4 | 3 | 2/3 67% | 6h | 0.25 | 2.68 | 1 | 2 |

                | incident length | incidents | detected | ≥5 SE detected | median TTD | TTD/length |
                |---|---:|---:|---:|---:|---:|
                | 1d | 4 | 3 | 2/3 67% | 6h | 0.25 |
                """);
        assertThat(report.csv()).isEqualTo("""
                kpi,volume,incidents,detected,strong_incidents,strong_detected,median_ttd_hours,median_ttd_share,\
                false_alerts_quiet,quiet_series_days,false_alerts_per_100_series_days,false_alerts_incident_runs,\
                warm_up_firings
                bounce_rate,12/h,4,3,3,2,6.0000,0.2500,3,112.0000,2.6786,1,2
                all,,4,3,3,2,6.0000,0.2500,3,112.0000,2.6786,1,2
                """);
    }

    @Test
    void theDetailsListTheMissedStrongIncidentsAndTheQuietHistoriesFalseAlerts() {
        assertThat(Details.of(OUTCOMES)).isEqualTo("""
                Missed incidents of at least 5 SE (1):
                  bounce_rate 12/h ×2 for 1d from 2026-02-04T00:00:00Z: 7.5 SE
                False alerts in quiet histories (3):
                  bounce_rate 12/h: web/Rule at 2026-02-03T00:00:00Z
                  bounce_rate 12/h: web/Rule at 2026-02-04T00:00:00Z
                  bounce_rate 12/h: web/Rule at 2026-02-05T00:00:00Z
                """);
    }

    @Test
    void timesToDetectPrintInHoursUpToTwoDaysThenInDays() {
        assertThat(ScorecardReport.hours(3)).isEqualTo("3h");
        assertThat(ScorecardReport.hours(4.5)).isEqualTo("4.5h");
        assertThat(ScorecardReport.hours(60)).isEqualTo("2.5d");
        assertThat(ScorecardReport.hours(Double.NaN)).isEqualTo("–");
    }
}
