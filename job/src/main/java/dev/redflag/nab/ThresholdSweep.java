package dev.redflag.nab;

import java.util.Arrays;
import java.util.List;

/**
 * NAB's threshold optimiser over a corpus: one threshold per detector and profile, the one with the
 * highest corpus score among 1.1 (nothing detected) and every distinct score of a non-probationary
 * row. Ties go to the highest threshold, as NAB keeps the first best while it sweeps downwards.
 *
 * <p>Done in one sweep instead of scoring every candidate: lowering the threshold past a score adds
 * that row's weight if it lies outside the windows, and moves a window's earliest detection to the
 * row when the row's score beats every earlier score of its window (a running maximum); each such
 * change is an event (level, change of score), and the corpus score at a threshold is the sum of
 * the events at or above it.
 */
public final class ThresholdSweep {

    /** The threshold NAB tries first: above every score, so nothing is detected. */
    public static final double NOTHING = 1.1;

    /** A lower threshold must beat the best so far by more than summation rounding. */
    private static final double ROUNDING = 1e-9;

    /** The best threshold and the corpus raw score it gives. */
    public record Best(double threshold, double rawScore) {
    }

    private ThresholdSweep() {
    }

    /** @param scores per file, the anomaly score of each row (NaN: never a detection) */
    public static Best optimise(List<FileLayout> layouts, List<double[]> scores, Profile profile) {
        Events events = new Events();
        double base = 0;
        for (int f = 0; f < layouts.size(); f++) {
            FileLayout layout = layouts.get(f);
            double[] s = scores.get(f);
            base -= profile.fnWeight() * layout.windowsScored();
            addFile(layout, s, profile, events);
        }
        Integer[] order = events.descending();
        double bestScore = base;
        double bestThreshold = NOTHING;
        double sum = base;
        for (int k = 0; k < order.length; ) {
            double level = events.levels[order[k]];
            while (k < order.length && events.levels[order[k]] == level) {
                sum += events.deltas[order[k]];
                k++;
            }
            if (sum > bestScore + ROUNDING) {
                bestScore = sum;
                bestThreshold = level;
            }
        }
        double raw = 0;
        for (int f = 0; f < layouts.size(); f++) {
            raw += NabScorer.score(layouts.get(f), scores.get(f), bestThreshold, profile).score();
        }
        return new Best(bestThreshold, raw);
    }

    private static void addFile(FileLayout layout, double[] s, Profile profile, Events events) {
        int windows = layout.series().windows().size();
        for (int i = layout.probation(); i < layout.rows(); i++) {
            if (layout.windowOf(i) == FileLayout.OUTSIDE && !Double.isNaN(s[i])) {
                events.add(s[i], layout.weighted(i, profile));
            }
        }
        int[] records = new int[layout.rows()];
        for (int w = 0; w < windows; w++) {
            Window window = layout.series().windows().get(w);
            int n = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = Math.max(window.first(), layout.probation()); i <= window.last(); i++) {
                if (s[i] > max) {
                    max = s[i];
                    records[n++] = i;
                }
            }
            // from the highest record down: each takes over as the earliest detection
            double value = -profile.fnWeight();
            for (int r = n - 1; r >= 0; r--) {
                double v = layout.weighted(records[r], profile);
                events.add(s[records[r]], v - value);
                value = v;
            }
        }
    }

    /** Parallel growable arrays of (level, delta). */
    private static final class Events {
        double[] levels = new double[1024];
        double[] deltas = new double[1024];
        int size;

        void add(double level, double delta) {
            if (size == levels.length) {
                levels = Arrays.copyOf(levels, size * 2);
                deltas = Arrays.copyOf(deltas, size * 2);
            }
            levels[size] = level;
            deltas[size] = delta;
            size++;
        }

        Integer[] descending() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(levels[b], levels[a]));
            return order;
        }
    }
}
