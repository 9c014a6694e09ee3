package dev.redflag.rules.eval;

import dev.redflag.kpi.Slice;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each slice of one series usually does: per slice name, sums of its numerator, denominator,
 * events and second moments over the last weeks, decayed exponentially with a time constant of
 * {@link #MEMORY} (28 days: the sums hold as much as 28 days of windows, the older the less), plus a
 * running overdispersion φ from the slice's own standardized residuals. Updated once per closed
 * window, never per event; its state is a handful of numbers per slice ({@link State}).
 *
 * <p>Seasonality is left to the parent series: the sums are a flat level, and the hour's seasonal
 * movement enters as a factor f = (the parent's seasonal expectation for the window) / (the parent's
 * level in these sums), applied to every slice alike ({@link #expect}). A slice is thus judged against
 * what the parent's own hour-of-week profile expects of it; what is left of a slice's own daily cycle
 * (mobile busier in the evening) widens its φ, which lowers its sensitivity rather than raising false
 * alerts.
 *
 * <p>Bounded: at most {@code capacity} slices are kept; a new one evicts the one with the fewest
 * (decayed) events, and a slice unseen for so long that fewer than {@link #FORGOTTEN} of its events are
 * left is dropped. The caller keeps incidents out of their own baseline by not updating it while the
 * rule fires (as the series' baseline trims its incident days) or in the calendar's excluded periods.
 */
public final class SliceBaseline {

    /** The time constant of the decay. */
    public static final Duration MEMORY = Duration.ofDays(28);
    /** Slices kept per series unless told otherwise: well above the KPI's own cap, for drift. */
    public static final int DEFAULT_CAPACITY = 64;
    /** A slice is judged once its baseline spans a day, as the series' own. */
    static final long READY = Duration.ofDays(1).toMillis();
    /** And without the warm-up margin from a week on. */
    static final long SETTLED = Duration.ofDays(7).toMillis();
    /** Standardized residuals (decayed) a slice's φ needs before it is believed over 1. */
    static final double PHI_WINDOWS = 24;
    static final double FORGOTTEN = 1e-3;
    private static final double TOLERANCE = 1e-12;

    /**
     * One slice's decayed sums.
     *
     * @param residuals       Σ of its standardized squared residuals (O − E)² / V, each taken before
     *                        the window joined the sums
     * @param residualWindows how many (decayed) residuals that is
     */
    public record Sums(double numerator, double denominator, double samples, double numeratorSquares,
                       double crossProducts, double denominatorSquares, double residuals,
                       double residualWindows) {

        static final Sums ZERO = new Sums(0, 0, 0, 0, 0, 0, 0, 0);

        Sums decayed(double f) {
            return new Sums(numerator * f, denominator * f, samples * f, numeratorSquares * f, crossProducts * f,
                    denominatorSquares * f, residuals * f, residualWindows * f);
        }

        Sums plus(Slice s, double residual) {
            boolean known = !Double.isNaN(residual);
            return new Sums(numerator + s.numerator(), denominator + finite(s.denominator()),
                    samples + s.samples(), numeratorSquares + finite(s.numeratorSquares()),
                    crossProducts + finite(s.crossProducts()), denominatorSquares + finite(s.denominatorSquares()),
                    residuals + (known ? residual : 0), residualWindows + (known ? 1 : 0));
        }

        /** Pearson's overdispersion from the residuals, at least 1, and 1 until there are enough. */
        public double phi() {
            return residualWindows >= PHI_WINDOWS ? Math.max(1, residuals / residualWindows) : 1;
        }

        private static double finite(double x) {
            return Double.isFinite(x) ? x : 0;
        }
    }

    /** One slice of {@link State}. */
    public record Entry(String name, Sums sums) {
    }

    /**
     * The whole baseline as a value, for keyed state: what a Flink serializer writes with
     * {@link #write} and reads with {@link #read}. Per slice: its name (2 bytes of length plus its
     * UTF-8, ~20 bytes for {@code channel=paid,device=mobile}) and 8 doubles (64 bytes), ~86 bytes;
     * per series 28 bytes more. 64 slices: about 5.5 KB per series.
     */
    public record State(long firstStart, long lastEnd, double windows, List<Entry> slices) {

        public State {
            slices = List.copyOf(slices);
        }

        public void write(DataOutput out) throws IOException {
            out.writeLong(firstStart);
            out.writeLong(lastEnd);
            out.writeDouble(windows);
            out.writeInt(slices.size());
            for (Entry e : slices) {
                out.writeUTF(e.name());
                Sums s = e.sums();
                out.writeDouble(s.numerator());
                out.writeDouble(s.denominator());
                out.writeDouble(s.samples());
                out.writeDouble(s.numeratorSquares());
                out.writeDouble(s.crossProducts());
                out.writeDouble(s.denominatorSquares());
                out.writeDouble(s.residuals());
                out.writeDouble(s.residualWindows());
            }
        }

        public static State read(DataInput in) throws IOException {
            long firstStart = in.readLong();
            long lastEnd = in.readLong();
            double windows = in.readDouble();
            int n = in.readInt();
            List<Entry> slices = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                slices.add(new Entry(in.readUTF(), new Sums(in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble())));
            }
            return new State(firstStart, lastEnd, windows, slices);
        }
    }

    /**
     * What a slice of the current window is held against: observed O and expected E numerator (or
     * total), its units (denominator; 1 window for totals), and the variance of O − E including φ
     * and the baseline's own error.
     */
    record Expectation(double observed, double expected, double units, double variance) {
    }

    private final int capacity;
    private long firstStart = Long.MIN_VALUE;
    private long lastEnd = Long.MIN_VALUE;
    private double windows;
    private final Map<String, Sums> slices = new LinkedHashMap<>();

    public SliceBaseline(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public SliceBaseline() {
        this(DEFAULT_CAPACITY);
    }

    public static SliceBaseline of(State state, int capacity) {
        SliceBaseline b = new SliceBaseline(capacity);
        b.firstStart = state.firstStart();
        b.lastEnd = state.lastEnd();
        b.windows = state.windows();
        for (Entry e : state.slices()) {
            b.slices.put(e.name(), e.sums());
        }
        return b;
    }

    public State state() {
        List<Entry> entries = new ArrayList<>(slices.size());
        slices.forEach((name, sums) -> entries.add(new Entry(name, sums)));
        return new State(firstStart, lastEnd, windows, entries);
    }

    /**
     * Adds one closed window's slices. Windows must come in order; one ending no later than the last
     * one added is ignored (a late or repeated window must not count twice).
     *
     * @param parentExpected the parent series' seasonal expectation for this window (its rate, or its
     *                       total for counts and sums), in raw units; NaN when unknown (factor 1)
     */
    public void update(long windowStart, long windowEnd, List<Slice> current, SliceKind kind,
                       double parentExpected) {
        if (lastEnd != Long.MIN_VALUE && windowEnd <= lastEnd) {
            return;
        }
        if (lastEnd != Long.MIN_VALUE) {
            double f = Math.exp(-(double) (windowEnd - lastEnd) / MEMORY.toMillis());
            slices.replaceAll((name, sums) -> sums.decayed(f));
            windows *= f;
        }
        Map<String, Double> factors = new HashMap<>();
        boolean judged = ready();
        List<String> added = new ArrayList<>();
        for (Slice s : current) {
            Sums before = slices.get(s.name());
            double residual = Double.NaN;
            if (judged && before != null) {
                String group = SliceNames.group(s.name());
                double factor = factors.computeIfAbsent(group, g -> factor(g, kind, parentExpected));
                Expectation e = expect(before, s, kind, factor, 1);
                if (e != null && e.variance() > 0) {
                    double d = e.observed() - e.expected();
                    residual = d * d / e.variance();
                }
            }
            if (before == null) {
                added.add(s.name());
            }
            slices.put(s.name(), (before == null ? Sums.ZERO : before).plus(s, residual));
        }
        windows += 1;
        lastEnd = windowEnd;
        if (firstStart == Long.MIN_VALUE) {
            firstStart = windowStart;
        }
        slices.values().removeIf(sums -> sums.samples() < FORGOTTEN);
        evict(added);
    }

    /** Over capacity: the slices with the fewest events go, the ones this window brought last. */
    private void evict(List<String> added) {
        int over = slices.size() - capacity;
        if (over <= 0) {
            return;
        }
        List<String> order = new ArrayList<>(slices.keySet());
        order.sort(Comparator.<String, Boolean>comparing(added::contains)
                .thenComparingDouble(name -> slices.get(name).samples()));
        for (int i = 0; i < over; i++) {
            slices.remove(order.get(i));
        }
    }

    /** The baseline spans at least a day: its slices can be judged. */
    public boolean ready() {
        return firstStart != Long.MIN_VALUE && lastEnd - firstStart >= READY && windows > 1;
    }

    /** The baseline spans a week: no warm-up margin. */
    public boolean settled() {
        return firstStart != Long.MIN_VALUE && lastEnd - firstStart >= SETTLED;
    }

    /** How many windows the sums hold, decayed: 672 at most for hourly windows (28 days). */
    public double windows() {
        return windows;
    }

    public int size() {
        return slices.size();
    }

    /** The decayed sums of a slice, or null when it is not kept. */
    public Sums slice(String name) {
        return slices.get(name);
    }

    /** The slices kept, in the order first seen. */
    public Map<String, Sums> slices() {
        return java.util.Collections.unmodifiableMap(slices);
    }

    /**
     * The parent's level in these sums from the slices of one group (they partition the series):
     * Σa / Σb for ratios, Σa per window for totals; NaN when the group holds nothing.
     */
    double level(String group, SliceKind kind) {
        double a = 0;
        double b = 0;
        for (Map.Entry<String, Sums> e : slices.entrySet()) {
            if (SliceNames.group(e.getKey()).equals(group)) {
                a += e.getValue().numerator();
                b += e.getValue().denominator();
            }
        }
        double units = kind.ratio() ? b : windows;
        return units > 0 ? a / units : Double.NaN;
    }

    /**
     * The seasonal factor of a group's slices: the parent's expectation over the parent's level in
     * these sums; 1 when either is unknown.
     */
    double factor(String group, SliceKind kind, double parentExpected) {
        double level = level(group, kind);
        double f = parentExpected / level;
        return Double.isFinite(f) && f > 0 ? f : 1;
    }

    /**
     * The expectation of slice {@code s} of the current window against its sums: E = units · p0 · f
     * for ratios, (Σa / windows) · f for totals. The variance is that of the series' own model
     * ({@link SeasonalBaseline}): for ratios, per unit of denominator (Σa² − 2pΣab + p²Σb²)/Σb at the
     * expected rate, floored for counted outcomes at the binomial (or Poisson) variance, times φ, plus
     * the baseline rate's error; for totals φ · (Σa² per window) · f, plus the error of the mean. A
     * slice with no baseline events counts half an event (Jeffreys). Null when there is nothing to hold
     * it against (no denominator in the window or the baseline).
     */
    Expectation expect(Sums base, Slice s, SliceKind kind, double factor, double phi) {
        if (kind.ratio()) {
            double units = s.denominator();
            if (!(units > 0) || !(base.denominator() > 0)) {
                return null;
            }
            double size = base.numerator() > 0 ? base.numeratorSquares() / base.numerator() : 1;
            double p0 = kind.counted() && base.numerator() <= 0 ? 0.5 * size / base.denominator()
                    : base.numerator() / base.denominator();
            double p = p0 * factor;
            double v = (base.numeratorSquares() - 2 * p * base.crossProducts()
                    + p * p * base.denominatorSquares()) / base.denominator();
            double floor = !kind.counted() ? 0 : p < size ? size * p - p * p : size * p;
            double unit = Math.max(Math.max(v, floor), TOLERANCE);
            double variance = phi * unit * units + units * units * phi * unit * factor * factor / base.denominator();
            return new Expectation(s.numerator(), units * p, units, variance);
        }
        if (!(windows > 0)) {
            return null;
        }
        double size = base.numerator() > 0 ? base.numeratorSquares() / base.numerator() : 1;
        boolean none = kind.counted() && base.numerator() <= 0;
        double mean = none ? 0.5 * size / windows : base.numerator() / windows;
        double squares = none ? 0.5 * size * size / windows : base.numeratorSquares() / windows;
        double variance = phi * Math.max(squares, TOLERANCE) * factor * (1 + factor / windows);
        return new Expectation(s.numerator(), mean * factor, 1, variance);
    }
}
