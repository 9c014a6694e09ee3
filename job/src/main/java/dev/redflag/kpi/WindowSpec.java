package dev.redflag.kpi;

import dev.redflag.yaml.Durations;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The window a KPI is computed over: tumbling when {@code slide == size}, sliding otherwise.
 *
 * <p>The slide must divide the size exactly so that every window is made of whole panes
 * and window boundaries line up across KPIs; an invalid combination is refused here, at
 * construction, so no code downstream has to re-check it. {@link #label()} is the spelling
 * used in config files, rule files and the {@code window} label of metrics and alerts.
 */
public record WindowSpec(Duration size, Duration slide) implements Serializable {

    private static final long serialVersionUID = 1L;

    public WindowSpec {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(slide, "slide");
        if (size.toMillis() <= 0) {
            throw new IllegalArgumentException("window size must be greater than 0s, got " + Durations.format(size));
        }
        if (slide.toMillis() <= 0) {
            throw new IllegalArgumentException("slide must be greater than 0s, got " + Durations.format(slide));
        }
        if (slide.compareTo(size) > 0) {
            throw new IllegalArgumentException("slide " + Durations.format(slide) + " is longer than size "
                    + Durations.format(size) + "; a slide must be at most the window size");
        }
        if (size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException("slide " + Durations.format(slide) + " does not divide size "
                    + Durations.format(size) + " exactly; use e.g. " + dividingSlides(size.toMillis(), slide.toMillis()));
        }
    }

    /** A window of {@code size} that does not overlap the next one. */
    public static WindowSpec tumbling(Duration size) {
        return new WindowSpec(size, size);
    }

    /** A window of {@code size} starting every {@code slide}. */
    public static WindowSpec sliding(Duration size, Duration slide) {
        return new WindowSpec(size, slide);
    }

    /**
     * Reads a {@link #label()}: {@code 1h} (tumbling) or {@code 1d/1h} (size/slide).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static WindowSpec parse(String label) {
        String s = label == null ? "" : label.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            return tumbling(Durations.parse(s));
        }
        return sliding(Durations.parse(s.substring(0, slash)), Durations.parse(s.substring(slash + 1)));
    }

    public boolean isTumbling() {
        return slide.equals(size);
    }

    /** {@code 1h} for a tumbling window, {@code 1d/1h} for a sliding one. */
    public String label() {
        return isTumbling() ? Durations.format(size) : Durations.format(size) + "/" + Durations.format(slide);
    }

    @Override
    public String toString() {
        return label();
    }

    /** The divisors of {@code size} nearest to {@code slide}, below and above it (bounded search). */
    private static String dividingSlides(long size, long slide) {
        long n = size / slide;
        long larger = 0;
        for (long k = n; k >= 1 && k > n - 10_000; k--) {
            if (size % k == 0) {
                larger = size / k;
                break;
            }
        }
        long smaller = 0;
        for (long k = n + 1; k <= size && k <= n + 10_000; k++) {
            if (size % k == 0) {
                smaller = size / k;
                break;
            }
        }
        if (larger == 0) {
            larger = size;
        }
        String big = Durations.format(Duration.ofMillis(larger));
        return smaller > 0 ? Durations.format(Duration.ofMillis(smaller)) + " or " + big : big;
    }
}
