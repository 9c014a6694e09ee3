package dev.redflag.nab;

/**
 * How a detector's per-value scores become NAB detections. NAB counts every row at or above its
 * threshold, so an anomaly that stays anomalous for an hour is one true positive and then a run of
 * false positives after its window; a redflag alert in the same hour fires once and stays firing.
 * To score what people would see, a value keeps its score only when the score beats every score
 * of the previous {@code k} values (the peak that starts or escalates an episode) and scores 0
 * otherwise. The transform needs no threshold, so NAB's optimiser still picks one, and it reads only
 * earlier scores, so the result stays causal.
 */
public final class Onsets {

    private Onsets() {
    }

    /** The scores, in value order, with every score that does not beat the previous {@code k} set to 0. */
    public static double[] of(double[] scores, int k) {
        double[] out = new double[scores.length];
        // a monotone deque of indexes whose scores decrease: its head is the maximum of the window
        int[] deque = new int[scores.length];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < scores.length; i++) {
            while (head < tail && deque[head] < i - k) {
                head++;
            }
            boolean peak = head == tail || scores[i] > scores[deque[head]];
            out[i] = peak ? scores[i] : 0;
            while (head < tail && scores[deque[tail - 1]] <= scores[i]) {
                tail--;
            }
            deque[tail++] = i;
        }
        return out;
    }
}
