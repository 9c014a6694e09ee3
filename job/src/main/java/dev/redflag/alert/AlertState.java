package dev.redflag.alert;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything the lifecycle of one alert (rule + label set) remembers between KPI values: the
 * phase and the times that decide when it moves on, the last judged value for notifications, and
 * recent resolutions for flap detection. Immutable and small, so it can live in keyed state and
 * be replaced whole by each {@link AlertLifecycle} step.
 *
 * <p>Times are epoch millis of event time; {@link #NO_TIME} where there is none.
 *
 * @param phase        inactive, pending or firing
 * @param activeSince  when the condition became active (the pending start); NO_TIME when inactive
 * @param firingSince  when the alert fired; NO_TIME unless firing
 * @param lastActiveAt the last time the condition (or, with value-based recovery, the absence of
 *                     recovery) held; keep_firing_for and flap holds count from it
 * @param holding      whether the last judged value held the alert (condition active, or for a
 *                     firing alert with a recovery condition: recovery not yet reached)
 * @param value        last judged value
 * @param baseline     its baseline (NaN when none)
 * @param change       its relative change in percent (NaN when none)
 * @param windowStart  window of the last judged value
 * @param windowEnd    window end of the last judged value
 * @param updatedAt    time of the last judged value or transition; older values are ignored
 * @param resolvedAt   times of the latest resolutions, oldest first (flap bookkeeping)
 * @param flapping     the alert fired while flapping: it resolves only after a whole flap window
 *                     without activity
 * @param judgedWindow the pooled resolution that judged the last value ({@code 1d}), null when
 *                     the rule's own window did
 */
public record AlertState(Phase phase, long activeSince, long firingSince, long lastActiveAt, boolean holding,
                         double value, double baseline, double change, long windowStart, long windowEnd,
                         long updatedAt, long[] resolvedAt, boolean flapping, String judgedWindow)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** No such time. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private static final long[] NO_RESOLUTIONS = {};

    public enum Phase {
        INACTIVE, PENDING, FIRING
    }

    public AlertState {
        Objects.requireNonNull(phase, "phase");
        // every step builds a state, and most alerts never resolved: share the empty array
        resolvedAt = resolvedAt == null || resolvedAt.length == 0 ? NO_RESOLUTIONS : resolvedAt.clone();
    }

    /** An alert that never was active; shared, as a state is immutable. */
    public static final AlertState INITIAL = new AlertState(Phase.INACTIVE, NO_TIME, NO_TIME, NO_TIME, false,
            Double.NaN, Double.NaN, Double.NaN, NO_TIME, NO_TIME, NO_TIME, new long[0], false, null);

    /** A state judged on the rule's own window. */
    public AlertState(Phase phase, long activeSince, long firingSince, long lastActiveAt, boolean holding,
                      double value, double baseline, double change, long windowStart, long windowEnd,
                      long updatedAt, long[] resolvedAt, boolean flapping) {
        this(phase, activeSince, firingSince, lastActiveAt, holding, value, baseline, change, windowStart, windowEnd,
                updatedAt, resolvedAt, flapping, null);
    }

    /** An alert that never was active. */
    public static AlertState initial() {
        return INITIAL;
    }

    /** A copy: the state stays immutable. */
    @Override
    public long[] resolvedAt() {
        return resolvedAt.clone();
    }

    public boolean isFiring() {
        return phase == Phase.FIRING;
    }

    /**
     * The end of the last window the condition held on, once it no longer holds and the alert is inactive
     * (resolved, or back from pending): evidence up to there was judged already, and a new alert must
     * rest on the windows after it. {@link #NO_TIME} while pending or firing, or when it never held.
     */
    public long spentUntil() {
        return phase == Phase.INACTIVE ? lastActiveAt : NO_TIME;
    }

    /** After a judged value at {@code at}. */
    AlertState observed(boolean holds, double v, double b, double c, String judged, long start, long end, long at) {
        return new AlertState(phase, activeSince, firingSince, holds ? at : lastActiveAt, holds, v, b, c, start,
                end, at, resolvedAt, flapping, judged);
    }

    AlertState pending(long at) {
        return new AlertState(Phase.PENDING, at, NO_TIME, lastActiveAt, holding, value, baseline, change,
                windowStart, windowEnd, updatedAt, resolvedAt, flapping, judgedWindow);
    }

    AlertState firing(long since, long at, boolean flaps) {
        return new AlertState(Phase.FIRING, since, at, at, true, value, baseline, change, windowStart, windowEnd,
                at, resolvedAt, flaps, judgedWindow);
    }

    AlertState inactive() {
        return new AlertState(Phase.INACTIVE, NO_TIME, NO_TIME, lastActiveAt, holding, value, baseline, change,
                windowStart, windowEnd, updatedAt, resolvedAt, false, judgedWindow);
    }

    AlertState resolved(long at, long[] resolutions) {
        return new AlertState(Phase.INACTIVE, NO_TIME, NO_TIME, lastActiveAt, false, value, baseline, change,
                windowStart, windowEnd, at, resolutions, false, judgedWindow);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertState s && s.phase == phase && s.activeSince == activeSince
                && s.firingSince == firingSince && s.lastActiveAt == lastActiveAt && s.holding == holding
                && Double.compare(s.value, value) == 0 && Double.compare(s.baseline, baseline) == 0
                && Double.compare(s.change, change) == 0 && s.windowStart == windowStart
                && s.windowEnd == windowEnd && s.updatedAt == updatedAt && Arrays.equals(s.resolvedAt, resolvedAt)
                && s.flapping == flapping && Objects.equals(s.judgedWindow, judgedWindow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, activeSince, firingSince, lastActiveAt, holding, value, baseline, change,
                windowStart, windowEnd, updatedAt, Arrays.hashCode(resolvedAt), flapping, judgedWindow);
    }

    @Override
    public String toString() {
        return "AlertState[" + phase + ", activeSince=" + activeSince + ", firingSince=" + firingSince
                + ", lastActiveAt=" + lastActiveAt + ", holding=" + holding + ", value=" + value + ", baseline="
                + baseline + ", change=" + change + ", window=" + windowStart + ".." + windowEnd + ", updatedAt="
                + updatedAt + ", resolvedAt=" + Arrays.toString(resolvedAt) + ", flapping=" + flapping
                + (judgedWindow == null ? "" : ", judgedWindow=" + judgedWindow) + "]";
    }
}
