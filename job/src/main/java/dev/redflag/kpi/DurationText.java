package dev.redflag.kpi;

/**
 * A duration in seconds as a person says it: {@code 850 ms}, {@code 42 s}, {@code 45 min},
 * {@code 3h}, {@code 3h 20 min}, {@code 1d 4h}. Two units at most: minutes are dropped from a
 * day or more, seconds from an hour or more, each rounded to the last unit shown.
 */
public final class DurationText {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private DurationText() {
    }

    public static String of(double seconds) {
        if (Double.isNaN(seconds)) {
            return "";
        }
        if (seconds < 0) {
            String positive = of(-seconds);
            return positive.startsWith("0 ") ? positive : NumberText.MINUS + positive;
        }
        if (Double.isInfinite(seconds)) {
            return "∞";
        }
        if (seconds < 0.9995) {
            long ms = Math.round(seconds * 1000);
            return ms == 0 ? "0 s" : ms + " ms";
        }
        long secs = Math.round(seconds);
        if (secs < MINUTE) {
            return secs + " s";
        }
        long minutes = Math.round(seconds / MINUTE);
        if (minutes < HOUR / MINUTE) {
            return minutes + " min";
        }
        if (minutes < DAY / MINUTE) {
            long m = minutes % 60;
            return minutes / 60 + "h" + (m == 0 ? "" : " " + m + " min");
        }
        long hours = Math.round(seconds / HOUR);
        long h = hours % 24;
        String days = NumberText.integer(java.math.BigDecimal.valueOf(hours / 24)) + "d";
        return h == 0 ? days : days + " " + h + "h";
    }
}
