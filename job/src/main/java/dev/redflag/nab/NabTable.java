package dev.redflag.nab;

import dev.redflag.backtest.TextTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The NAB results as text: a table with a column pair (score, threshold) per profile and the
 * false-alert columns, the published detectors under it; or CSV, one line per detector and profile.
 */
public final class NabTable {

    private NabTable() {
    }

    public static String table(List<NabReport.DetectorResult> results, List<PublishedScores.Published> published,
                               List<Profile> profiles) {
        List<String> header = new ArrayList<>(List.of("DETECTOR"));
        for (Profile p : profiles) {
            header.add(p.name());
            header.add("threshold");
        }
        header.add("false alerts/series/week");
        header.add("windows alerted");
        TextTable table = new TextTable(header.toArray(new String[0]));
        for (NabReport.DetectorResult r : results) {
            List<String> row = new ArrayList<>(List.of(r.detector().name()));
            for (NabReport.ProfileScore s : r.profiles()) {
                row.add(fixed(s.normalised(), 2));
                row.add(fixed(s.threshold(), 4));
            }
            row.add(Double.isNaN(r.falseAlertsPerSeriesWeek()) ? "-" : fixed(r.falseAlertsPerSeriesWeek(), 3));
            row.add(r.windowsAlerted() < 0 ? "-" : Integer.toString(r.windowsAlerted()));
            table.row(row.toArray(new String[0]));
        }
        for (PublishedScores.Published p : published) {
            List<String> row = new ArrayList<>(List.of(p.name() + " (published)"));
            for (Profile profile : profiles) {
                Double score = p.scores().get(profile.name());
                row.add(score == null ? "-" : fixed(score, 2));
                row.add("");
            }
            row.add("");
            row.add("");
            table.row(row.toArray(new String[0]));
        }
        StringBuilder out = new StringBuilder();
        table.appendTo(out);
        return out.toString();
    }

    public static String csv(List<NabReport.DetectorResult> results, List<PublishedScores.Published> published,
                             List<Profile> profiles) {
        StringBuilder out = new StringBuilder("detector,profile,threshold,raw_score,nab_score,false_alerts,"
                + "false_alerts_per_series_week,windows_alerted\n");
        for (NabReport.DetectorResult r : results) {
            for (NabReport.ProfileScore s : r.profiles()) {
                out.append(r.detector().name()).append(',').append(s.profile().name()).append(',')
                        .append(s.threshold()).append(',').append(s.raw()).append(',')
                        .append(s.normalised()).append(',')
                        .append(r.falseAlerts() < 0 ? "" : Integer.toString(r.falseAlerts())).append(',')
                        .append(Double.isNaN(r.falseAlertsPerSeriesWeek()) ? "" : r.falseAlertsPerSeriesWeek())
                        .append(',').append(r.windowsAlerted() < 0 ? "" : Integer.toString(r.windowsAlerted()))
                        .append('\n');
            }
        }
        for (PublishedScores.Published p : published) {
            for (Profile profile : profiles) {
                Double score = p.scores().get(profile.name());
                if (score != null) {
                    out.append(p.name()).append(" (published),").append(profile.name()).append(",,,")
                            .append(score).append(",,,\n");
                }
            }
        }
        return out.toString();
    }

    private static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
