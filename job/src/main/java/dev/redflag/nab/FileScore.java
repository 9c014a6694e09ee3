package dev.redflag.nab;

/**
 * One file's NAB score at a threshold, with NAB's row counts (after the probationary period):
 * detected rows in windows (tp), detected rows outside (fp), undetected rows in windows (fn), and
 * the rest (tn). The counts do not enter the score.
 */
public record FileScore(double score, int tp, int tn, int fp, int fn) {

    public int total() {
        return tp + tn + fp + fn;
    }
}
