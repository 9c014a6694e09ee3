package dev.redflag.nab;

/**
 * Scores one file's anomaly scores at a threshold, as NAB does: a row after the probationary period
 * is a detection when its score is at least the threshold; each window adds the value of its
 * earliest detection, or {@code -A_FN} when it has none; each detection outside the windows adds its
 * (negative) weight. Later detections in a window add nothing.
 */
public final class NabScorer {

    private NabScorer() {
    }

    public static FileScore score(FileLayout layout, double[] scores, double threshold, Profile profile) {
        int n = layout.rows();
        if (scores.length != n) {
            throw new IllegalArgumentException(layout.series().name() + ": " + scores.length + " scores for "
                    + n + " rows");
        }
        int windows = layout.series().windows().size();
        double[] best = new double[windows];
        boolean[] counted = new boolean[windows];
        double outside = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = layout.probation(); i < n; i++) {
            int w = layout.windowOf(i);
            boolean detected = scores[i] >= threshold;
            if (w == FileLayout.OUTSIDE) {
                if (detected) {
                    fp++;
                    outside += layout.weighted(i, profile);
                } else {
                    tn++;
                }
                continue;
            }
            if (!counted[w]) {
                counted[w] = true;
                best[w] = -profile.fnWeight();
            }
            if (detected) {
                tp++;
                best[w] = Math.max(best[w], layout.weighted(i, profile));
            } else {
                fn++;
            }
        }
        double score = outside;
        for (int w = 0; w < windows; w++) {
            score += counted[w] ? best[w] : 0;
        }
        return new FileScore(score, tp, tn, fp, fn);
    }
}
