package dev.redflag.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the detectors' per-row scores in NAB's own results layout, so that NAB's published scorer
 * ({@code run.py --optimize --score --normalize}) can score redflag without this project's
 * reimplementation: for every detector and data file {@code <category>/<file>.csv} one file
 * {@code DIR/<detector>/<category>/<detector>_<file>.csv} with the columns
 * {@code timestamp,value,anomaly_score,label}, one line per row of the data file in its order.
 *
 * <p>{@code timestamp} and {@code value} are the data file's text as it is; {@code anomaly_score}
 * is the row's score in [0, 1] that {@code redflag nab} hands its own optimiser; {@code label} is 1
 * for a row whose timestamp lies within a labelled window (bounds included) and 0 otherwise, as
 * NAB's labeller sets it (by timestamp, not by row range: the two differ only in a file whose clock
 * steps back). NAB's scorer reads the labels from its own {@code combined_windows.json}; the column
 * is there because NAB's results files have it.
 *
 * <p>The detector's directory name is {@code redflag} and the detector's name in camel case
 * (e.g. {@code redflagSeasonalRange}): NAB's normaliser takes a detector's name from its scores
 * file name up to the first underscore, so a name with one would be reported under a wrong name.
 */
public final class NabResults {

    static final String HEADER = "timestamp,value,anomaly_score,label";

    private NabResults() {
    }

    /** The detector's name in NAB's results, e.g. {@code redflagSeasonalRobustZ} for {@code seasonal_robust_z}. */
    public static String detectorName(NabDetector detector) {
        StringBuilder sb = new StringBuilder("redflag");
        for (String part : detector.name().split("_")) {
            if (!part.isEmpty()) {
                sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    /** Where NAB looks for a detector's results of the data file {@code <category>/<file>.csv}. */
    public static Path path(Path dir, String detector, String dataFile) {
        int slash = dataFile.lastIndexOf('/');
        String category = dataFile.substring(0, slash);
        return dir.resolve(detector).resolve(category).resolve(detector + "_" + dataFile.substring(slash + 1));
    }

    /**
     * Writes every detector's results of every file of {@code kpis}' corpus, read from the dataset
     * at {@code data}; returns the files written, detector by detector in corpus order.
     *
     * @param scores per file of the corpus, in its order
     */
    public static List<Path> write(Path dir, Path data, NabKpis kpis, List<NabDetector> detectors,
                                   List<FileScores> scores) throws IOException {
        List<Path> written = new ArrayList<>();
        for (int d = 0; d < detectors.size(); d++) {
            NabDetector detector = detectors.get(d);
            List<double[]> rows = FileScores.rows(scores, kpis, d, detector.onset());
            written.addAll(write(dir, data, detectorName(detector), kpis.corpus(), rows));
        }
        return written;
    }

    /**
     * Writes one detector's results of every file of {@code corpus}.
     *
     * @param scores per file, the score of each row
     */
    public static List<Path> write(Path dir, Path data, String detector, List<NabSeries> corpus,
                                   List<double[]> scores) throws IOException {
        List<Path> written = new ArrayList<>();
        for (int f = 0; f < corpus.size(); f++) {
            NabSeries s = corpus.get(f);
            Path out = path(dir, detector, s.name());
            Files.createDirectories(out.getParent());
            write(out, data.resolve("data").resolve(s.name()), s, scores.get(f));
            written.add(out);
        }
        return written;
    }

    private static void write(Path out, Path csv, NabSeries s, double[] scores) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.size() - 1 != s.rows() || scores.length != s.rows()) {
            throw new IOException(csv + ": " + (lines.size() - 1) + " rows, but " + s.rows()
                    + " were read and " + scores.length + " scored; has the file changed?");
        }
        long[] ts = s.timestamps();
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write(HEADER);
            w.write('\n');
            for (int i = 0; i < s.rows(); i++) {
                w.write(lines.get(i + 1).strip());
                w.write(',');
                w.write(Double.toString(scores[i]));
                w.write(',');
                w.write(inWindow(s, ts[i]) ? '1' : '0');
                w.write('\n');
            }
        }
    }

    private static boolean inWindow(NabSeries s, long t) {
        for (Window w : s.windows()) {
            if (t >= s.timestamps()[w.first()] && t <= s.timestamps()[w.last()]) {
                return true;
            }
        }
        return false;
    }
}
