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
 * {@link #size()}, the index accessors and
 * {@link #add(long, double, double, double, long, double, double, double)} in order instead. The
 * bean accessors hand out the internal arrays and exist only for serializers.
 *
 * <p>The second-moment arrays came later than the others. A history saved before them comes back
 * without them (POJO schema evolution leaves them empty, Java serialization null), so they may be
 * shorter than the others: the windows they do not cover read NaN ("unknown"), and the first change
 * to the history pads them with NaN to keep them in step.
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
    private double[] numeratorSquares = NO_DOUBLES;
    private double[] crossProducts = NO_DOUBLES;
    private double[] denominatorSquares = NO_DOUBLES;

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
        add(v.windowStart(), v.value(), v.numerator(), v.denominator(), v.sample(), v.numeratorSquares(),
                v.crossProducts(), v.denominatorSquares());
    }

    /** Remembers one window whose second moments are unknown; replaces the window kept for the same start. */
    public void add(long windowStart, double value, double numerator, double denominator, long sample) {
        add(windowStart, value, numerator, denominator, sample, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Remembers one window with its second moments; replaces the window kept for the same start. */
    public void add(long windowStart, double value, double numerator, double denominator, long sample,
                    double numeratorSquare, double crossProduct, double denominatorSquare) {
        keepMomentsInStep();
        int found = search(windowStart);
        if (found >= 0) {
            put(found, windowStart, value, numerator, denominator, sample, numeratorSquare, crossProduct,
                    denominatorSquare);
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
        System.arraycopy(numeratorSquares, at, numeratorSquares, at + 1, tail);
        System.arraycopy(crossProducts, at, crossProducts, at + 1, tail);
        System.arraycopy(denominatorSquares, at, denominatorSquares, at + 1, tail);
        put(at, windowStart, value, numerator, denominator, sample, numeratorSquare, crossProduct,
                denominatorSquare);
        size++;
    }

    /**
     * Changes how many windows are kept (rules changed); when shrinking, the oldest windows go.
     */
    public void resize(int newCapacity) {
        if (newCapacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + newCapacity);
        }
        keepMomentsInStep();
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
            numeratorSquares = Arrays.copyOf(numeratorSquares, capacity);
            crossProducts = Arrays.copyOf(crossProducts, capacity);
            denominatorSquares = Arrays.copyOf(denominatorSquares, capacity);
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

    /** Σa² of the window's contributions; NaN when unknown. */
    public double numeratorSquares(int index) {
        return momentAt(numeratorSquares, check(index));
    }

    /** Σab of the window's contributions; NaN when unknown. */
    public double crossProducts(int index) {
        return momentAt(crossProducts, check(index));
    }

    /** Σb² of the window's contributions; NaN when unknown. */
    public double denominatorSquares(int index) {
        return momentAt(denominatorSquares, check(index));
    }

    /** NaN beyond the end of a moment array restored shorter than the others. */
    private static double momentAt(double[] moments, int index) {
        return moments != null && index < moments.length ? moments[index] : Double.NaN;
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

    private void put(int i, long windowStart, double value, double numerator, double denominator, long sample,
                     double numeratorSquare, double crossProduct, double denominatorSquare) {
        starts[i] = windowStart;
        values[i] = value;
        numerators[i] = numerator;
        denominators[i] = denominator;
        samples[i] = sample;
        numeratorSquares[i] = numeratorSquare;
        crossProducts[i] = crossProduct;
        denominatorSquares[i] = denominatorSquare;
    }

    private void dropOldest(int n) {
        int keep = size - n;
        System.arraycopy(starts, n, starts, 0, keep);
        System.arraycopy(values, n, values, 0, keep);
        System.arraycopy(numerators, n, numerators, 0, keep);
        System.arraycopy(denominators, n, denominators, 0, keep);
        System.arraycopy(samples, n, samples, 0, keep);
        System.arraycopy(numeratorSquares, n, numeratorSquares, 0, keep);
        System.arraycopy(crossProducts, n, crossProducts, 0, keep);
        System.arraycopy(denominatorSquares, n, denominatorSquares, 0, keep);
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
        numeratorSquares = Arrays.copyOf(numeratorSquares, length);
        crossProducts = Arrays.copyOf(crossProducts, length);
        denominatorSquares = Arrays.copyOf(denominatorSquares, length);
    }

    /** Pads moment arrays restored shorter than the others (or null) with NaN to their length. */
    private void keepMomentsInStep() {
        int length = starts.length;
        numeratorSquares = inStep(numeratorSquares, length);
        crossProducts = inStep(crossProducts, length);
        denominatorSquares = inStep(denominatorSquares, length);
    }

    private static double[] inStep(double[] moments, int length) {
        if (moments != null && moments.length == length) {
            return moments;
        }
        int kept = moments == null ? 0 : Math.min(moments.length, length);
        double[] padded = new double[length];
        System.arraycopy(moments == null ? NO_DOUBLES : moments, 0, padded, 0, kept);
        Arrays.fill(padded, kept, length, Double.NaN);
        return padded;
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
                && Arrays.equals(samples, 0, size, h.samples, 0, size)
                && sameMoments(numeratorSquares, h.numeratorSquares)
                && sameMoments(crossProducts, h.crossProducts)
                && sameMoments(denominatorSquares, h.denominatorSquares);
    }

    /** Equal over the windows kept, NaN equal to NaN and to a window a short array does not cover. */
    private boolean sameMoments(double[] a, double[] b) {
        for (int i = 0; i < size; i++) {
            if (Double.doubleToLongBits(momentAt(a, i)) != Double.doubleToLongBits(momentAt(b, i))) {
                return false;
            }
        }
        return true;
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

    public double[] getNumeratorSquares() {
        return numeratorSquares;
    }

    public void setNumeratorSquares(double[] numeratorSquares) {
        this.numeratorSquares = numeratorSquares;
    }

    public double[] getCrossProducts() {
        return crossProducts;
    }

    public void setCrossProducts(double[] crossProducts) {
        this.crossProducts = crossProducts;
    }

    public double[] getDenominatorSquares() {
        return denominatorSquares;
    }

    public void setDenominatorSquares(double[] denominatorSquares) {
        this.denominatorSquares = denominatorSquares;
    }
}
