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
 * <p>Pooled over the series' resolutions: per slice and resolution longer than the window (3h, 6h,
 * 12h, 1d, 3d and 7d for hourly windows) an exponentially weighted stretch of time constant that
 * resolution ({@link Pool}): observed and expected numerator, the variance of their difference and
 * the units, each window weighted exp(−age / resolution), so a stretch holds as much as that
 * resolution of windows. Sliding sums would need every window of the last week per slice; these need
 * five numbers per slice and resolution, updated once per window whether or not the baseline learns
 * it (an incident must count as evidence, not as baseline), and emptied at the first window learned
 * after windows left out (the episode is over). The fifth is the resolution's own
 * overdispersion: the decayed sum of the stretch's squared standardized residuals, which takes in
 * what makes the hours of a stretch move together (a day's level, the slice's own daily cycle) and
 * the one-window φ cannot see.
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

    /**
     * One slice's exponentially weighted stretch at one resolution: Σw·O, Σw·E, Σw²·V (V the variance of
     * O − E of a window, without φ), Σw·units, with w = exp(−age / resolution); and Σ of the stretch's
     * squared standardized residuals (O − E)² / V, decayed as the sums, one per window learned.
     */
    public record Pool(double observed, double expected, double variance, double units, double residuals) {
    }

    /** One slice of {@link State}, with its pools finest resolution first (none before the first judged window). */
    public record Entry(String name, Sums sums, List<Pool> pools) {

        public Entry {
            pools = List.copyOf(pools);
        }

        public Entry(String name, Sums sums) {
            this(name, sums, List.of());
        }
    }

    /**
     * The whole baseline as a value, for keyed state: what a Flink serializer writes with
     * {@link #write} and reads with {@link #read}. Per slice: its name (2 bytes of length plus its
     * UTF-8, ~20 bytes for {@code channel=paid,device=mobile}), 8 doubles (64 bytes), a byte counting
     * its pools and 5 doubles per pool (40 bytes; 6 pools for hourly windows, 240 bytes), ~327 bytes;
     * per series 52 bytes more. 12 slices: about 3.9 KB per series, 64 slices about 21 KB.
     *
     * @param step       the length of the series' windows, which fixes its resolutions; 0 before the first
     * @param pooledEnd  the end of the last window in the pools
     * @param leftOutEnd the end of the last window pooled but not learned
     */
    public record State(long firstStart, long lastEnd, double windows, long step, long pooledEnd,
                        long leftOutEnd, List<Entry> slices) {

        public State {
            slices = List.copyOf(slices);
        }

        /** A baseline of sums alone, pooled over no window yet. */
        public State(long firstStart, long lastEnd, double windows, List<Entry> slices) {
            this(firstStart, lastEnd, windows, 0, Long.MIN_VALUE, Long.MIN_VALUE, slices);
        }

        public void write(DataOutput out) throws IOException {
            out.writeLong(firstStart);
            out.writeLong(lastEnd);
            out.writeDouble(windows);
            out.writeLong(step);
            out.writeLong(pooledEnd);
            out.writeLong(leftOutEnd);
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
                out.writeByte(e.pools().size());
                for (Pool p : e.pools()) {
                    out.writeDouble(p.observed());
                    out.writeDouble(p.expected());
                    out.writeDouble(p.variance());
                    out.writeDouble(p.units());
                    out.writeDouble(p.residuals());
                }
            }
        }

        public static State read(DataInput in) throws IOException {
            long firstStart = in.readLong();
            long lastEnd = in.readLong();
            double windows = in.readDouble();
            long step = in.readLong();
            long pooledEnd = in.readLong();
            long leftOutEnd = in.readLong();
            int n = in.readInt();
            List<Entry> slices = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                Sums sums = new Sums(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
                int k = in.readUnsignedByte();
                List<Pool> pools = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    pools.add(new Pool(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                            in.readDouble()));
                }
                slices.add(new Entry(name, sums, pools));
            }
            return new State(firstStart, lastEnd, windows, step, pooledEnd, leftOutEnd, slices);
        }
    }

    /**
     * What a slice of the current window is held against: observed O and expected E numerator (or
     * total), its units (denominator; 1 window for totals), and the variance of O − E including φ
     * and the baseline's own error.
     */
    record Expectation(double observed, double expected, double units, double variance) {
    }

    /**
     * A slice's pooled stretch at one resolution with the current window in it: what {@link SliceJudge}
     * holds against the threshold like a window's {@link Expectation}.
     *
     * @param variance the variance of O − E with the resolution's own overdispersion in it
     * @param span     the resolution, in milliseconds
     */
    record Stretch(double observed, double expected, double units, double variance, long span) {
    }

    /** Values per pool in {@link #pools}: observed, expected, variance, units, residuals. */
    private static final int POOL = 5;

    private static final long[] RESOLUTION_MILLIS = java.util.Arrays.stream(ShiftDetector.RESOLUTIONS)
            .mapToLong(Duration::toMillis).toArray();

    /**
     * {@code [i]}: the resolutions from the i-th on (they ascend), the last one empty; made once, as
     * every judgement of a sliced series asks for them (a stream per call was 5% of the rule
     * evaluation at a million series). Shared: callers only read them.
     */
    private static final long[][] RESOLUTIONS_LONGER = new long[RESOLUTION_MILLIS.length + 1][];

    static {
        for (int i = 0; i <= RESOLUTION_MILLIS.length; i++) {
            RESOLUTIONS_LONGER[i] = java.util.Arrays.copyOfRange(RESOLUTION_MILLIS, i, RESOLUTION_MILLIS.length);
        }
    }

    private final int capacity;
    private long firstStart = Long.MIN_VALUE;
    private long lastEnd = Long.MIN_VALUE;
    private double windows;
    private final Map<String, Sums> slices = new LinkedHashMap<>();
    private long step;
    private long pooledEnd = Long.MIN_VALUE;
    /** The end of the last window pooled but not learned (an incident, an excluded period). */
    private long leftOutEnd = Long.MIN_VALUE;
    /** Per slice its pools, {@link #POOL} values each, finest resolution first. */
    private final Map<String, double[]> pools = new HashMap<>();

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
        b.step = state.step();
        b.pooledEnd = state.pooledEnd();
        b.leftOutEnd = state.leftOutEnd();
        for (Entry e : state.slices()) {
            b.slices.put(e.name(), e.sums());
            if (!e.pools().isEmpty()) {
                double[] p = new double[e.pools().size() * POOL];
                for (int j = 0; j < e.pools().size(); j++) {
                    Pool pool = e.pools().get(j);
                    p[j * POOL] = pool.observed();
                    p[j * POOL + 1] = pool.expected();
                    p[j * POOL + 2] = pool.variance();
                    p[j * POOL + 3] = pool.units();
                    p[j * POOL + 4] = pool.residuals();
                }
                b.pools.put(e.name(), p);
            }
        }
        return b;
    }

    public State state() {
        List<Entry> entries = new ArrayList<>(slices.size());
        slices.forEach((name, sums) -> {
            double[] p = pools.get(name);
            List<Pool> list = new ArrayList<>(p == null ? 0 : p.length / POOL);
            for (int j = 0; p != null && j < p.length / POOL; j++) {
                list.add(new Pool(p[j * POOL], p[j * POOL + 1], p[j * POOL + 2], p[j * POOL + 3], p[j * POOL + 4]));
            }
            entries.add(new Entry(name, sums, list));
        });
        return new State(firstStart, lastEnd, windows, step, pooledEnd, leftOutEnd, entries);
    }

    /**
     * The resolutions the slices are pooled over, in milliseconds: the series' own
     * ({@link ShiftDetector#RESOLUTIONS}) longer than its windows; none before the first window.
     */
    long[] resolutions() {
        if (step <= 0) {
            return RESOLUTIONS_LONGER[RESOLUTIONS_LONGER.length - 1];
        }
        int first = 0;
        while (first < RESOLUTION_MILLIS.length && RESOLUTION_MILLIS[first] <= step) {
            first++;
        }
        return RESOLUTIONS_LONGER[first];
    }

    /**
     * Adds one closed window's slices to the baseline and to the pools. Windows must come in order;
     * one ending no later than the last one added is ignored (a late or repeated window must not count
     * twice).
     *
     * @param parentExpected the parent series' seasonal expectation for this window (its rate, or its
     *                       total for counts and sums), in raw units; NaN when unknown (factor 1)
     */
    public void update(long windowStart, long windowEnd, List<Slice> current, SliceKind kind,
                       double parentExpected) {
        advance(windowStart, windowEnd, current, kind, parentExpected, true);
    }

    /**
     * Adds one closed window's slices to the pools alone, not to the baseline: a window on which a shift
     * holds, or the calendar excludes, is evidence for the windows after it but must not become what is
     * usual.
     */
    public void pool(long windowStart, long windowEnd, List<Slice> current, SliceKind kind, double parentExpected) {
        advance(windowStart, windowEnd, current, kind, parentExpected, false);
    }

    /**
     * A window on which the series itself moved: its slices are neither baseline nor evidence of a slice
     * of their own (the whole page moved), so the pools are emptied and the window left out.
     */
    public void skip(long windowStart, long windowEnd) {
        if (pooledEnd != Long.MIN_VALUE && windowEnd <= pooledEnd) {
            return;
        }
        for (double[] p : pools.values()) {
            decayPools(p, resolutions(), Long.MAX_VALUE);
        }
        pooledEnd = windowEnd;
        leftOutEnd = windowEnd;
    }

    private void advance(long windowStart, long windowEnd, List<Slice> current, SliceKind kind,
                         double parentExpected, boolean learn) {
        if (step <= 0 && windowEnd > windowStart) {
            step = windowEnd - windowStart;
        }
        boolean pooling = pooledEnd == Long.MIN_VALUE || windowEnd > pooledEnd;
        boolean learning = learn && (lastEnd == Long.MIN_VALUE || windowEnd > lastEnd);
        if (!pooling && !learning) {
            return;
        }
        long[] resolutions = resolutions();
        // the first window learned after windows left out: the episode is over, and its windows are no
        // evidence for what comes next (a pool would remember them for days), so the pools start afresh
        boolean over = learning && pooledEnd != Long.MIN_VALUE && leftOutEnd == pooledEnd;
        if (pooling && pooledEnd != Long.MIN_VALUE) {
            for (double[] p : pools.values()) {
                decayPools(p, resolutions, over ? Long.MAX_VALUE : windowEnd - pooledEnd);
            }
        }
        double memory = 1;
        if (learning && lastEnd != Long.MIN_VALUE) {
            memory = Math.exp(-(double) (windowEnd - lastEnd) / MEMORY.toMillis());
            double f = memory;
            slices.replaceAll((name, sums) -> sums.decayed(f));
            windows *= f;
            for (double[] p : pools.values()) {
                for (int j = 0; j < p.length / POOL; j++) {
                    p[j * POOL + 4] *= f;
                }
            }
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
                    if (pooling) {
                        addToPools(s.name(), resolutions, windowEnd, e, learning);
                    }
                }
            }
            if (!learning) {
                continue;
            }
            if (before == null) {
                added.add(s.name());
            }
            slices.put(s.name(), (before == null ? Sums.ZERO : before).plus(s, residual));
        }
        if (pooling) {
            pooledEnd = windowEnd;
        }
        if (!learning) {
            leftOutEnd = windowEnd;
            return;
        }
        windows += 1;
        lastEnd = windowEnd;
        if (firstStart == Long.MIN_VALUE) {
            firstStart = windowStart;
        }
        slices.entrySet().removeIf(e -> {
            boolean gone = e.getValue().samples() < FORGOTTEN;
            if (gone) {
                pools.remove(e.getKey());
            }
            return gone;
        });
        evict(added);
    }

    /** Each pool's sums weighed down by the time since the last window pooled, exp(−Δ / resolution) (squared for variances). */
    private static void decayPools(double[] p, long[] resolutions, long elapsed) {
        for (int j = 0; j < p.length / POOL && j < resolutions.length; j++) {
            double f = elapsed == Long.MAX_VALUE ? 0 : Math.exp(-(double) elapsed / resolutions[j]);
            p[j * POOL] *= f;
            p[j * POOL + 1] *= f;
            p[j * POOL + 2] *= f * f;
            p[j * POOL + 3] *= f;
        }
    }

    /**
     * The window's expectation of one slice joins its pools; when the baseline learns the window, each
     * pool's squared standardized residual joins the pool's overdispersion, unless a window the baseline
     * left out is less than two of the pool's time constants old (an incident must not teach a long
     * stretch that incidents are usual).
     */
    private void addToPools(String name, long[] resolutions, long windowEnd, Expectation e, boolean learning) {
        if (resolutions.length == 0) {
            return;
        }
        double[] p = pools.computeIfAbsent(name, n -> new double[resolutions.length * POOL]);
        for (int j = 0; j < p.length / POOL; j++) {
            p[j * POOL] += e.observed();
            p[j * POOL + 1] += e.expected();
            p[j * POOL + 2] += e.variance();
            p[j * POOL + 3] += e.units();
            boolean clean = leftOutEnd == Long.MIN_VALUE || windowEnd - leftOutEnd >= 2 * resolutions[j];
            if (learning && clean && p[j * POOL + 2] > 0) {
                double d = p[j * POOL] - p[j * POOL + 1];
                p[j * POOL + 4] += d * d / p[j * POOL + 2];
            }
        }
    }

    /**
     * The pooled stretches of slice {@code name} with the window ending {@code windowEnd} in them, whose
     * expectation is {@code now} (its variance without φ), finest resolution first: the pools decayed to
     * the window's end plus the window. A resolution is left out until its overdispersion rests on
     * {@link #PHI_WINDOWS} windows plus twice the resolution's; its variance is times that
     * overdispersion, at least the slice's one-window φ. None for a window not after the last pooled.
     * Pure: the baseline is not changed.
     */
    List<Stretch> stretches(String name, Expectation now, long windowEnd) {
        double[] p = pools.get(name);
        Sums sums = slices.get(name);
        if (p == null || sums == null || pooledEnd == Long.MIN_VALUE || windowEnd <= pooledEnd) {
            return List.of();
        }
        long[] resolutions = resolutions();
        List<Stretch> out = new ArrayList<>(resolutions.length);
        for (int j = 0; j < p.length / POOL && j < resolutions.length; j++) {
            if (sums.residualWindows() < PHI_WINDOWS + 2.0 * resolutions[j] / step) {
                continue;
            }
            double f = Math.exp(-(double) (windowEnd - pooledEnd) / resolutions[j]);
            double variance = p[j * POOL + 2] * f * f + now.variance();
            double phi = Math.max(sums.phi(), p[j * POOL + 4] / sums.residualWindows());
            out.add(new Stretch(p[j * POOL] * f + now.observed(), p[j * POOL + 1] * f + now.expected(),
                    p[j * POOL + 3] * f + now.units(), phi * variance, resolutions[j]));
        }
        return out;
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
            pools.remove(order.get(i));
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
