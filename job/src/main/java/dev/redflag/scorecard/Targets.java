package dev.redflag.scorecard;

import java.util.List;
import java.util.Locale;

/**
 * Issue 15's targets, judged on the tally of all scenarios: at least 95 % of the incidents of at
 * least 5 standard errors detected, their median time to detect at most a third of the incident's
 * length, at most 1 false alert per 100 series-days of the quiet histories. The time to detect is
 * judged for each incident length apart: over all lengths, the week-long incidents would hide
 * slow detection of the short ones.
 *
 * @param byLength the incidents' tallies by length
 */
record Targets(Tally all, List<Tally> byLength) {

    static final double DETECTION = 0.95;
    static final double TIME_TO_DETECT_SHARE = 1.0 / 3;
    static final double FALSE_ALERTS_PER_100_SERIES_DAYS = 1;

    boolean detectionMet() {
        return all.strong() == 0 || all.strongDetectionRate() >= DETECTION;
    }

    boolean timeToDetectMet() {
        return byLength.stream().allMatch(Targets::timeToDetectMet);
    }

    private static boolean timeToDetectMet(Tally t) {
        return t.strongDetected() == 0 ? t.strong() == 0 : t.strongMedianShare() <= TIME_TO_DETECT_SHARE;
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
                        + " target at most 0.33 at each length: %s", shares(), verdict(timeToDetectMet())),
                String.format(Locale.ROOT, "false alerts per 100 series-days (quiet histories, %s series-days): %s,"
                        + " target at most 1: %s", ScorecardReport.number(all.quietDays()),
                        ScorecardReport.number(all.falseAlertsPer100SeriesDays()), verdict(falseAlertsMet())));
    }

    /** e.g. {@code 3h 0.67, 1d 0.08, 7d 0.01}. */
    private String shares() {
        return byLength.isEmpty() ? "–" : String.join(", ", byLength.stream()
                .map(t -> t.volume() + " " + ScorecardReport.share(t.strongMedianShare())).toList());
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
