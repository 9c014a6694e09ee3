package dev.redflag.alert;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When an alert counts as flapping: it resolved at least {@code resolutions} times within the
 * last {@code window}. A flapping alert that fires again is held firing until its condition has
 * been quiet for a whole {@code window}, so a KPI hovering around a threshold does not send a
 * FIRING/RESOLVED pair every few minutes. Defaults: 3 resolutions within 1h.
 *
 * @param resolutions resolutions within the window that make an alert flapping; 0 turns flap
 *                    detection off
 * @param window      how far back resolutions count, and how long a flapping alert must stay
 *                    quiet before it resolves
 */
public record FlapPolicy(int resolutions, Duration window) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final FlapPolicy DEFAULT = new FlapPolicy(3, Duration.ofHours(1));
    public static final FlapPolicy OFF = new FlapPolicy(0, Duration.ZERO);

    public FlapPolicy {
        Objects.requireNonNull(window, "window");
        if (resolutions < 0) {
            throw new IllegalArgumentException("resolutions must not be negative, got " + resolutions);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("flap window must not be negative, got " + window);
        }
    }

    /** Whether an alert that resolved at these times is flapping at {@code at}. */
    public boolean isFlapping(long[] resolvedAt, long at) {
        if (resolutions == 0) {
            return false;
        }
        long since = at - window.toMillis();
        int n = 0;
        for (long r : resolvedAt) {
            if (r >= since && r <= at) {
                n++;
            }
        }
        return n >= resolutions;
    }

    /** The resolution times worth remembering after one more at {@code at}: the latest few. */
    long[] remember(long[] resolvedAt, long at) {
        int keep = Math.min(resolutions, resolvedAt.length + 1);
        long[] out = new long[keep];
        if (keep == 0) {
            return out;
        }
        out[keep - 1] = at;
        System.arraycopy(resolvedAt, resolvedAt.length - (keep - 1), out, 0, keep - 1);
        return out;
    }
}
