package dev.redflag.kpi;

/**
 * Running sums of one KPI window: the whole per-window state of a windowed KPI, five numbers.
 * A mutable POJO so that Flink's POJO serializer stores it compactly.
 */
public class WindowAccumulator {
    public double numerator;
    public double denominator;
    public long samples;
    /** min, max or last value, depending on the aggregation. */
    public double value;
    /** event time of {@link #value} for LAST. */
    public long valueTs;

    public WindowAccumulator() {
    }

    public void add(Aggregation aggregation, long ts, double num, double den, double sample) {
        add(aggregation, ts, num, den, sample, 1);
    }

    /**
     * Adds {@code count} events at once, whose sums are {@code num} and {@code den} and whose
     * min, max or last value (at {@code ts}) is {@code sample}.
     */
    public void add(Aggregation aggregation, long ts, double num, double den, double sample, long count) {
        boolean first = samples == 0;
        numerator += num;
        denominator += den;
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
}
