package dev.redflag.nab;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.eval.AnomalyDetector;
import dev.redflag.rules.eval.Lookback;
import dev.redflag.rules.eval.SeriesHistory;

import java.util.List;

/**
 * Every detector's score of one KPI value, from the series' history before it, then the value added
 * to the history: the one step that the Flink operator ({@link ScoreFunction}) and the plain
 * replay of the unit tests ({@link DirectScoring}) both take, value by value, through the rule
 * engine's own detectors.
 */
final class DetectorScores {

    private DetectorScores() {
    }

    /** A history that keeps what the most demanding detector reads, on windows of this step. */
    static SeriesHistory history(List<Condition.Anomaly> detectors, long stepMillis) {
        int lookback = 0;
        for (Condition.Anomaly d : detectors) {
            lookback = Math.max(lookback, Lookback.of(d, stepMillis));
        }
        return SeriesHistory.forLookback(lookback);
    }

    /** The detectors' scores of {@code value}; adds it to {@code history}. */
    static double[] next(List<Condition.Anomaly> detectors, SeriesHistory history, KpiValue value) {
        double[] scores = new double[detectors.size()];
        for (int d = 0; d < scores.length; d++) {
            scores[d] = AnomalyDetector.score(detectors.get(d), history, value);
        }
        history.add(value);
        return scores;
    }
}
