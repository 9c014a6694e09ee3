package dev.redflag.nab;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import java.util.ArrayList;
import java.util.List;

/**
 * The NAB result of each detector: per profile the threshold NAB's optimiser picks over the whole
 * corpus, the raw score there and the normalised score; and, when the alerting operators ran, what
 * a user of the rule at the default sensitivity would have got: false alerts per series per week
 * and the windows that got an alert.
 */
public final class NabReport {

    private static final double WEEK_MILLIS = 7 * 24 * 3_600_000.0;

    /** One detector under one profile. */
    public record ProfileScore(Profile profile, double threshold, double raw, double normalised) {
    }

    /**
     * One detector's results.
     *
     * @param falseAlertsPerSeriesWeek NaN when the alerting operators did not run
     * @param falseAlerts              firing transitions outside every window (-1 when not run)
     * @param windowsAlerted           windows with at least one firing transition (-1 when not run)
     */
    public record DetectorResult(NabDetector detector, List<ProfileScore> profiles, int falseAlerts,
                                 double falseAlertsPerSeriesWeek, int windowsAlerted) {
    }

    private NabReport() {
    }

    /**
     * @param alerts the rules' alert transitions, or null when the alerting operators did not run
     */
    public static List<DetectorResult> of(NabKpis kpis, List<NabDetector> detectors, List<FileScores> scores,
                                          List<AlertEvent> alerts, List<Profile> profiles) {
        List<FileLayout> layouts = kpis.corpus().stream().map(FileLayout::new).toList();
        int windows = layouts.stream().mapToInt(FileLayout::windowsScored).sum();
        double seriesWeeks = 0;
        for (NabSeries s : kpis.corpus()) {
            long[] ts = s.timestamps();
            seriesWeeks += (ts[ts.length - 1] - ts[0]) / WEEK_MILLIS;
        }
        List<DetectorResult> results = new ArrayList<>();
        for (int d = 0; d < detectors.size(); d++) {
            NabDetector detector = detectors.get(d);
            List<double[]> rows = FileScores.rows(scores, kpis, d, detector.onset());
            List<ProfileScore> perProfile = new ArrayList<>();
            for (Profile p : profiles) {
                ThresholdSweep.Best best = ThresholdSweep.optimise(layouts, rows, p);
                perProfile.add(new ProfileScore(p, best.threshold(), best.rawScore(),
                        NabNormalisation.normalised(best.rawScore(), windows, p)));
            }
            if (alerts == null) {
                results.add(new DetectorResult(detector, perProfile, -1, Double.NaN, -1));
                continue;
            }
            int[] counts = alertCounts(kpis, NabKpis.alertName(detector), alerts);
            results.add(new DetectorResult(detector, perProfile, counts[0], counts[0] / seriesWeeks, counts[1]));
        }
        return results;
    }

    /** Firing transitions of the alert outside every window, and windows with a firing transition in them. */
    static int[] alertCounts(NabKpis kpis, String alertname, List<AlertEvent> alerts) {
        int falseAlerts = 0;
        List<boolean[]> alerted = new ArrayList<>();
        for (NabSeries s : kpis.corpus()) {
            alerted.add(new boolean[s.windows().size()]);
        }
        for (AlertEvent e : alerts) {
            if (!e.alertname().equals(alertname) || e.phase() != Transition.Phase.FIRING) {
                continue;
            }
            int file = kpis.file(e.kpi());
            NabSeries s = kpis.corpus().get(file);
            boolean inWindow = false;
            for (int w = 0; w < s.windows().size(); w++) {
                Window win = s.windows().get(w);
                long first = s.timestamps()[win.first()];
                long last = s.timestamps()[win.last()];
                if (e.transition().windowStart() <= last && e.transition().windowEnd() > first) {
                    alerted.get(file)[w] = true;
                    inWindow = true;
                }
            }
            falseAlerts += inWindow ? 0 : 1;
        }
        int windowsAlerted = 0;
        for (boolean[] a : alerted) {
            for (boolean b : a) {
                windowsAlerted += b ? 1 : 0;
            }
        }
        return new int[]{falseAlerts, windowsAlerted};
    }
}
