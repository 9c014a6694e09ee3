package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The past of one KPI series (KPI + window + dims), kept so that a rule can compare the latest
 * value with a baseline without asking anything outside: the evaluator is then a pure function of
 * the rule, this history and the latest value, and runs the same in the Flink operator, in
 * backtests and in rule tests.
 *
 * <p>One lives in keyed state per series, so it is compact: parallel primitive arrays sorted by
 * window start, holding at most {@link #capacity()} windows (the largest {@link Lookback} of the
 * rules on the series, plus one for the latest value). Inserting beyond the capacity drops the
 * oldest window; a window older than everything kept in a full history is ignored. A value
 * re-emitted for a window start already kept replaces it (late updates). Windows that never
 * reported are simply absent: lookups by exact start ({@link #indexOf}) say so rather than fail.
 *
 * <p>Storage: a plain class with a public no-arg constructor and bean accessors for every field, so
 * Flink's POJO serializer can store it; a hand-written serializer can use {@link #capacity()},
 * {@link #size()}, the index accessors and {@link #add(long, double, double, double, long)} in
 * order instead. The bean accessors hand out the internal arrays and exist only for serializers.
 */
public final class SeriesHistory implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final long[] NO_LONGS = {};
    private static final double[] NO_DOUBLES = {};

    private int capacity;
    private int size;
    private long[] starts = NO_LONGS;
    private double[] values = NO_DOUBLES;
    private double[] numerators = NO_DOUBLES;
    private double[] denominators = NO_DOUBLES;
    private long[] samples = NO_LONGS;

    /** An empty history that keeps one window; see {@link #resize(int)}. */
    public SeriesHistory() {
        this(1);
    }

    /** An empty history keeping at most {@code capacity} (at least 1) windows. */
    public SeriesHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * An empty history for rules that look {@code lookback} windows back ({@link Lookback#of}): it
     * keeps one more window, so that the caller may add the latest value before or after judging it.
     */
    public static SeriesHistory forLookback(int lookback) {
        return new SeriesHistory(Math.max(0, lookback) + 1);
    }

    /** Remembers a KPI value (ratio or not); replaces the value kept for the same window start. */
    public void add(KpiValue v) {
        add(v.windowStart(), v.value(), v.numerator(), v.denominator(), v.sample());
    }

    /** Remembers one window; replaces the window kept for the same start. */
    public void add(long windowStart, double value, double numerator, double denominator, long sample) {
        int found = search(windowStart);
        if (found >= 0) {
            put(found, windowStart, value, numerator, denominator, sample);
            return;
        }
        int at = -found - 1;
        if (size >= capacity) {
            if (at == 0) {
                return;
            }
            int dropped = size - capacity + 1;
            dropOldest(dropped);
            at = Math.max(0, at - dropped);
        }
        grow(size + 1);
        int tail = size - at;
        System.arraycopy(starts, at, starts, at + 1, tail);
        System.arraycopy(values, at, values, at + 1, tail);
        System.arraycopy(numerators, at, numerators, at + 1, tail);
        System.arraycopy(denominators, at, denominators, at + 1, tail);
        System.arraycopy(samples, at, samples, at + 1, tail);
        put(at, windowStart, value, numerator, denominator, sample);
        size++;
    }

    /**
     * Changes how many windows are kept (rules changed); when shrinking, the oldest windows go.
     */
    public void resize(int newCapacity) {
        if (newCapacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + newCapacity);
        }
        if (size > newCapacity) {
            dropOldest(size - newCapacity);
        }
        capacity = newCapacity;
        if (starts.length > capacity) {
            starts = Arrays.copyOf(starts, capacity);
            values = Arrays.copyOf(values, capacity);
            numerators = Arrays.copyOf(numerators, capacity);
            denominators = Arrays.copyOf(denominators, capacity);
            samples = Arrays.copyOf(samples, capacity);
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Number of windows kept. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Index (0 = oldest) of the window starting exactly at {@code windowStart}, or -1. */
    public int indexOf(long windowStart) {
        int i = search(windowStart);
        return i >= 0 ? i : -1;
    }

    /** Number of windows kept that start before {@code windowStart}: their indexes are 0 .. n-1. */
    public int countBefore(long windowStart) {
        int i = search(windowStart);
        return i >= 0 ? i : -i - 1;
    }

    /** The value of the window starting exactly at {@code windowStart}; NaN when it is not kept. */
    public double valueAt(long windowStart) {
        int i = search(windowStart);
        return i >= 0 ? values[i] : Double.NaN;
    }

    /** The values of the last {@code n} windows kept (fewer if fewer are kept), oldest first. */
    public double[] last(int n) {
        int k = Math.max(0, Math.min(n, size));
        return Arrays.copyOfRange(values, size - k, size);
    }

    public long start(int index) {
        return starts[check(index)];
    }

    public double value(int index) {
        return values[check(index)];
    }

    /** NaN for non-ratio KPIs. */
    public double numerator(int index) {
        return numerators[check(index)];
    }

    /** NaN for non-ratio KPIs. */
    public double denominator(int index) {
        return denominators[check(index)];
    }

    public long sample(int index) {
        return samples[check(index)];
    }

    private int check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("window " + index + " of " + size);
        }
        return index;
    }

    private int search(long windowStart) {
        return Arrays.binarySearch(starts, 0, size, windowStart);
    }

    private void put(int i, long windowStart, double value, double numerator, double denominator, long sample) {
        starts[i] = windowStart;
        values[i] = value;
        numerators[i] = numerator;
        denominators[i] = denominator;
        samples[i] = sample;
    }

    private void dropOldest(int n) {
        int keep = size - n;
        System.arraycopy(starts, n, starts, 0, keep);
        System.arraycopy(values, n, values, 0, keep);
        System.arraycopy(numerators, n, numerators, 0, keep);
        System.arraycopy(denominators, n, denominators, 0, keep);
        System.arraycopy(samples, n, samples, 0, keep);
        size = keep;
    }

    /** Arrays grow by doubling up to the capacity, so a young series stores little. */
    private void grow(int needed) {
        if (starts.length >= needed) {
            return;
        }
        int length = Math.min(capacity, Math.max(needed, Math.max(4, starts.length * 2)));
        starts = Arrays.copyOf(starts, length);
        values = Arrays.copyOf(values, length);
        numerators = Arrays.copyOf(numerators, length);
        denominators = Arrays.copyOf(denominators, length);
        samples = Arrays.copyOf(samples, length);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SeriesHistory h) || h.capacity != capacity || h.size != size) {
            return false;
        }
        return Arrays.equals(starts, 0, size, h.starts, 0, size)
                && Arrays.equals(values, 0, size, h.values, 0, size)
                && Arrays.equals(numerators, 0, size, h.numerators, 0, size)
                && Arrays.equals(denominators, 0, size, h.denominators, 0, size)
                && Arrays.equals(samples, 0, size, h.samples, 0, size);
    }

    @Override
    public int hashCode() {
        int h = 31 * capacity + size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(starts[i]);
            h = 31 * h + Double.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SeriesHistory[").append(size).append('/').append(capacity);
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? ": " : ", ").append(starts[i]).append('=').append(values[i]);
        }
        return b.append(']').toString();
    }

    // Bean accessors for serializers (Flink's POJO serializer): they expose the internal arrays,
    // of which only the first getSize() entries are meaningful. Not for any other use.

    public int getCapacity() {
        return capacity;
    }

    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public long[] getStarts() {
        return starts;
    }

    public void setStarts(long[] starts) {
        this.starts = starts;
    }

    public double[] getValues() {
        return values;
    }

    public void setValues(double[] values) {
        this.values = values;
    }

    public double[] getNumerators() {
        return numerators;
    }

    public void setNumerators(double[] numerators) {
        this.numerators = numerators;
    }

    public double[] getDenominators() {
        return denominators;
    }

    public void setDenominators(double[] denominators) {
        this.denominators = denominators;
    }

    public long[] getSamples() {
        return samples;
    }

    public void setSamples(long[] samples) {
        this.samples = samples;
    }

    // Placeholders until the moments branch lands: unknown moments.
    public double numeratorSquares(int index) {
        return Double.NaN;
    }

    public double crossProducts(int index) {
        return Double.NaN;
    }

    public double denominatorSquares(int index) {
        return Double.NaN;
    }
}
