package dev.redflag.scorecard;

import java.util.List;
import java.util.Locale;

/**
 * Issue 15's targets, judged on the tally of all scenarios: at least 95 % of the incidents of at
 * least 5 standard errors detected, their median time to detect at most a third of the incident's
 * length, at most 1 false alert per 100 series-days of the quiet histories.
 */
record Targets(Tally all) {

    static final double DETECTION = 0.95;
    static final double TIME_TO_DETECT_SHARE = 1.0 / 3;
    static final double FALSE_ALERTS_PER_100_SERIES_DAYS = 1;

    boolean detectionMet() {
        return all.strong() == 0 || all.strongDetectionRate() >= DETECTION;
    }

    boolean timeToDetectMet() {
        return all.strongDetected() == 0 ? all.strong() == 0 : all.strongMedianShare() <= TIME_TO_DETECT_SHARE;
    }

    boolean falseAlertsMet() {
        return all.quietDays() == 0 || all.falseAlertsPer100SeriesDays() <= FALSE_ALERTS_PER_100_SERIES_DAYS;
    }

    boolean met() {
        return detectionMet() && timeToDetectMet() && falseAlertsMet();
    }

    /** One line per target: the figure, the target and whether it is met. */
    List<String> lines() {
        return List.of(
                String.format(Locale.ROOT, "incidents of at least 5 SE detected: %d of %d (%s), target at least 95%%: %s",
                        all.strongDetected(), all.strong(), ScorecardReport.percent(all.strongDetectionRate()),
                        verdict(detectionMet())),
                String.format(Locale.ROOT, "median time to detect of those, as a share of the incident's length: %s,"
                        + " target at most 0.33: %s", ScorecardReport.share(all.strongMedianShare()),
                        verdict(timeToDetectMet())),
                String.format(Locale.ROOT, "false alerts per 100 series-days (quiet histories, %s series-days): %s,"
                        + " target at most 1: %s", ScorecardReport.number(all.quietDays()),
                        ScorecardReport.number(all.falseAlertsPer100SeriesDays()), verdict(falseAlertsMet())));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
