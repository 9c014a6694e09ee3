package dev.redflag.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the detectors said about one file, per KPI value (window) in time order: the windows'
 * starts and each detector's score of each window. Rows map to windows through
 * {@link NabKpis#windowStart}.
 *
 * @param scores scores[detector][window]
 */
public record FileScores(int file, long[] windowStarts, double[][] scores) {

    /** The detector's per-row NAB scores: its onset scores ({@link Onsets}) of each row's window. */
    public double[] rows(NabKpis kpis, int detector, int onset) {
        double[] perWindow = Onsets.of(scores[detector], onset);
        NabSeries s = kpis.corpus().get(file);
        double[] rows = new double[s.rows()];
        for (int i = 0; i < rows.length; i++) {
            int w = Arrays.binarySearch(windowStarts, kpis.windowStart(file, i));
            rows[i] = w >= 0 ? perWindow[w] : 0;
        }
        return rows;
    }

    /** Per file, in the order of {@code files}, the detector's per-row NAB scores ({@link #rows}). */
    public static List<double[]> rows(List<FileScores> files, NabKpis kpis, int detector, int onset) {
        List<double[]> rows = new ArrayList<>(files.size());
        for (FileScores f : files) {
            rows.add(f.rows(kpis, detector, onset));
        }
        return rows;
    }
}
