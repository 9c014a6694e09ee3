package dev.redflag.kpi;

/**
 * Epoch-aligned window arithmetic shared by every KPI operator, so that a window of a windowed KPI
 * and of a customer KPI with the same spec cover exactly the same interval.
 */
public final class WindowMath {

    private WindowMath() {
    }

    /** Start of the latest window (of this slide) that contains {@code ts}. */
    public static long lastStart(long ts, long slide) {
        return ts - Math.floorMod(ts, slide);
    }

    /** Number of windows that contain any one instant. */
    public static int windowsPerInstant(long size, long slide) {
        return (int) (size / slide);
    }

    /** True when {@code instant} is a window boundary for this slide. */
    public static boolean isBoundary(long instant, long slide) {
        return Math.floorMod(instant, slide) == 0;
    }
}
