package dev.redflag.kpi;

import java.util.List;

/**
 * Running sums of one KPI window: the whole per-window state of a windowed KPI, eight numbers, for
 * a sliced KPI its {@link SliceTable}, and for a KPI with examples its {@link ExampleTable}. A mutable POJO so that Flink's POJO serializer stores it
 * compactly; an unsliced KPI's window leaves the table null, which costs one byte.
 *
 * <p>The second moments start as NaN and become sums at the first event. Flink's POJO schema
 * evolution restores a window saved before they existed through the no-arg constructor, so such a
 * window, which has events but no moments for them, keeps NaN ("unknown") to its end rather than
 * moments of only part of its events.
 */
public class WindowAccumulator {
    public double numerator;
    public double denominator;
    public long samples;
    /** min, max or last value, depending on the aggregation. */
    public double value;
    /** event time of {@link #value} for LAST. */
    public long valueTs;
    /** Σa² over the events, a being an event's numerator contribution. */
    public double numeratorSquares = Double.NaN;
    /** Σa·b over the events, b being an event's denominator contribution. */
    public double crossProducts = Double.NaN;
    /** Σb² over the events. */
    public double denominatorSquares = Double.NaN;
    /** Sums per combination of slice values; null for a KPI that is not sliced (or a window saved before slices). */
    public SliceTable slices;
    /**
     * The latest events that illustrate the KPI, of the series and per slice combination; null for a
     * KPI without examples, a window none of whose events matched, or a window saved before examples.
     */
    public ExampleTable examples;

    public WindowAccumulator() {
    }

    /**
     * Adds merged contributions of the slice {@code key} to the table, which is made for
     * {@code dimensions} at the window's first sliced contribution and holds at most {@code cap}
     * combinations besides other.
     */
    public void addSlice(List<String> dimensions, int cap, String key, double num, double den, long count,
                         double numSquares, double cross, double denSquares) {
        if (slices == null) {
            slices = SliceTable.of(dimensions);
        }
        slices.add(key, cap, num, den, count, numSquares, cross, denSquares);
    }

    /**
     * Adds a contribution's examples: to the series, and for a sliced KPI to the slice combination
     * its sums went to ({@code key}, or other once the slice table is full).
     */
    public void addExamples(int max, List<String> dimensions, String key, List<Example> added) {
        if (examples == null) {
            examples = ExampleTable.of(max, dimensions);
        }
        String target = key;
        if (!key.isEmpty() && slices != null && !slices.sums().containsKey(key)) {
            target = SliceKey.other(dimensions.size());
        }
        examples.add(target, added);
    }

    /** Adds one event; its second moments are its own squares and product. */
    public void add(Aggregation aggregation, long ts, double num, double den, double sample) {
        add(aggregation, ts, num, den, num * num, num * den, den * den, sample, 1);
    }

    /**
     * Adds {@code count} events at once, whose sums are {@code num} and {@code den}, whose second
     * moments are {@code numSquares} (Σa²), {@code cross} (Σab) and {@code denSquares} (Σb²), and
     * whose min, max or last value (at {@code ts}) is {@code sample}.
     */
    public void add(Aggregation aggregation, long ts, double num, double den, double numSquares, double cross,
                    double denSquares, double sample, long count) {
        boolean first = samples == 0;
        numerator += num;
        denominator += den;
        numeratorSquares = first ? numSquares : numeratorSquares + numSquares;
        crossProducts = first ? cross : crossProducts + cross;
        denominatorSquares = first ? denSquares : denominatorSquares + denSquares;
        samples += count;
        switch (aggregation) {
            case MIN -> value = first ? sample : Math.min(value, sample);
            case MAX -> value = first ? sample : Math.max(value, sample);
            case LAST -> {
                if (first || ts >= valueTs) {
                    value = sample;
                    valueTs = ts;
                }
            }
            default -> {
            }
        }
    }

    /** The KPI value, or NaN when the window defines none yet (a ratio with a zero denominator). */
    public double result(Aggregation aggregation, double scale) {
        return switch (aggregation) {
            case RATIO -> denominator > 0 ? scale * numerator / denominator : Double.NaN;
            case SUM, COUNT -> numerator;
            case MEAN -> samples > 0 ? scale * numerator / samples : Double.NaN;
            case MIN, MAX, LAST -> value;
        };
    }

    /**
     * Whether the aggregation's value is built from the sums, so the second moments say how it
     * varies; min, max and last are not, and carry no moments.
     */
    public static boolean hasMoments(Aggregation aggregation) {
        return switch (aggregation) {
            case RATIO, SUM, COUNT, MEAN -> true;
            case MIN, MAX, LAST -> false;
        };
    }
}
