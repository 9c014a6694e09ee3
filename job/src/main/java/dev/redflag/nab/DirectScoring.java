package dev.redflag.nab;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.eval.SeriesHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a file without Flink: its rows grouped into the KPI's windows (mean of the rows of each
 * window, as the {@code metric} KPI computes it) and the values replayed through
 * {@link DetectorScores}, as the job's operator replays them. For unit tests and parameter searches,
 * which need the detectors and not the cluster; {@code redflag nab} runs the job.
 */
public final class DirectScoring {

    private DirectScoring() {
    }

    public static FileScores score(NabKpis kpis, int file, List<NabDetector> detectors) {
        List<KpiValue> values = values(kpis, file);
        List<Condition.Anomaly> conditions = detectors.stream().map(NabDetector::detector).toList();
        SeriesHistory history = DetectorScores.history(conditions, kpis.step(file));
        long[] starts = new long[values.size()];
        double[][] scores = new double[conditions.size()][values.size()];
        for (int w = 0; w < values.size(); w++) {
            KpiValue v = values.get(w);
            starts[w] = v.windowStart();
            double[] s = DetectorScores.next(conditions, history, v);
            for (int d = 0; d < s.length; d++) {
                scores[d][w] = s[d];
            }
        }
        return new FileScores(file, starts, scores);
    }

    /** The file's KPI values: the mean of the rows in each window, in window order. */
    static List<KpiValue> values(NabKpis kpis, int file) {
        NabSeries s = kpis.corpus().get(file);
        Map<Long, double[]> windows = new TreeMap<>();
        for (int i = 0; i < s.rows(); i++) {
            double[] sum = windows.computeIfAbsent(kpis.windowStart(file, i), k -> new double[2]);
            sum[0] += s.values()[i];
            sum[1]++;
        }
        List<KpiValue> values = new ArrayList<>(windows.size());
        long step = kpis.step(file);
        String window = kpis.window(file);
        for (Map.Entry<Long, double[]> e : windows.entrySet()) {
            double[] sum = e.getValue();
            values.add(new KpiValue(kpis.kpi(file), window, Map.of("tenant", "default"), e.getKey(),
                    e.getKey() + step, sum[0] / sum[1], Double.NaN, Double.NaN, (long) sum[1]));
        }
        return values;
    }
}
