package dev.redflag.scorecard;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcomes of one KPI and volume (or of all), counted: incidents, detections, those of
 * incidents of at least {@link #STRONG} standard errors, times to detect, false alerts per 100
 * series-days of the quiet histories, false alerts in incident histories and warm-up firings.
 */
record Tally(String kpi, String volume, int incidents, int detected, int strong, int strongDetected,
             double medianTimeToDetectHours, double medianTimeToDetectShare, double strongMedianShare,
             double quietDays, long quietFalseAlerts, long incidentFalseAlerts, long warmUpFirings) {

    /** Incidents of at least this many standard errors are the ones the detection target is about. */
    static final double STRONG = 5;

    static Tally of(String kpi, String volume, List<Outcome> outcomes) {
        int incidents = 0;
        int detected = 0;
        int strong = 0;
        int strongDetected = 0;
        List<Double> hours = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        List<Double> strongShares = new ArrayList<>();
        double quietDays = 0;
        long quietFalse = 0;
        long incidentFalse = 0;
        long warmUp = 0;
        for (Outcome o : outcomes) {
            warmUp += o.warmUpFirings();
            if (o.scenario().quiet()) {
                quietDays += o.scenario().testDays();
                quietFalse += o.falseAlerts();
                continue;
            }
            incidents++;
            incidentFalse += o.falseAlerts();
            boolean isStrong = o.effectSize() >= STRONG;
            strong += isStrong ? 1 : 0;
            if (o.detected()) {
                detected++;
                hours.add((double) o.timeToDetect() / Scenario.HOUR);
                shares.add(o.timeToDetectShare());
                if (isStrong) {
                    strongDetected++;
                    strongShares.add(o.timeToDetectShare());
                }
            }
        }
        return new Tally(kpi, volume, incidents, detected, strong, strongDetected, Medians.of(hours),
                Medians.of(shares), Medians.of(strongShares), quietDays, quietFalse, incidentFalse, warmUp);
    }

    /** Share of the incidents of at least 5 SE detected; NaN when there are none. */
    double strongDetectionRate() {
        return strong == 0 ? Double.NaN : (double) strongDetected / strong;
    }

    /** False alerts per 100 series-days of the quiet histories; NaN without quiet histories. */
    double falseAlertsPer100SeriesDays() {
        return quietDays == 0 ? Double.NaN : 100 * quietFalseAlerts / quietDays;
    }
}
