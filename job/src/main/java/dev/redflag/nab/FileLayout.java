package dev.redflag.nab;

import java.util.List;

/**
 * What a detection on each row of one file is worth, before a profile weighs it: which rows are
 * probationary, which window a row belongs to, and the scaled sigmoid of its position. Computed once
 * per file and shared by every detector, threshold and profile.
 *
 * <p>Rules (NAB's sweeper): the first {@code P = min(floor(0.15 n), 750)} rows are probationary and
 * never count. A row in window k of w rows at position {@code pos = -(last - i + 1) / w} is worth
 * {@code A_TP × σ(pos) / σ(-1)}; a row outside every window is worth {@code A_FP × σ(x)} with
 * {@code x = (i - last) / (w - 1)} of the most recent window that ended before it, or
 * {@code -A_FP} before the first window.
 */
public final class FileLayout {

    /** The window index of a row outside every window. */
    public static final int OUTSIDE = -1;

    private final NabSeries series;
    private final int probation;
    private final int[] windowOf;
    private final double[] unweighted;
    private final int windowsScored;

    public FileLayout(NabSeries series) {
        this.series = series;
        int n = series.rows();
        this.probation = probation(n);
        this.windowOf = new int[n];
        this.unweighted = new double[n];
        List<Window> windows = series.windows();
        int next = 0;
        Window previous = null;
        int scored = 0;
        for (Window w : windows) {
            scored += w.last() >= probation ? 1 : 0;
        }
        this.windowsScored = scored;
        for (int i = 0; i < n; i++) {
            Window current = next < windows.size() && windows.get(next).contains(i) ? windows.get(next) : null;
            if (current != null) {
                double pos = -(current.last() - i + 1) / (double) current.size();
                windowOf[i] = next;
                unweighted[i] = ScaledSigmoid.of(pos) / ScaledSigmoid.AT_WINDOW_START;
                if (i == current.last()) {
                    previous = current;
                    next++;
                }
            } else {
                windowOf[i] = OUTSIDE;
                unweighted[i] = previous == null ? -1
                        : ScaledSigmoid.of((i - previous.last()) / (double) (previous.size() - 1));
            }
        }
    }

    /** NAB's probationary length: 15 % of the rows, at most 750. */
    public static int probation(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    public NabSeries series() {
        return series;
    }

    public int rows() {
        return windowOf.length;
    }

    public int probation() {
        return probation;
    }

    /** The index of the row's window in {@link NabSeries#windows()}, or {@link #OUTSIDE}. */
    public int windowOf(int row) {
        return windowOf[row];
    }

    /** Windows with at least one row after the probationary period: the ones that score. */
    public int windowsScored() {
        return windowsScored;
    }

    /** What a detection on this row adds to the file's score under the profile. */
    public double weighted(int row, Profile profile) {
        return unweighted[row] * (windowOf[row] == OUTSIDE ? profile.fpWeight() : profile.tpWeight());
    }
}
