package dev.redflag.rules.eval;

import dev.redflag.rules.ExcludedPeriods;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * What a series usually does, learned from a stretch of its own windows: the expected rate (or,
 * for counts and sums, the expected total) of each window by hour of week, and how much the
 * windows vary around it.
 *
 * <p>Seasonality is shrunk towards coarser levels by how much the data can tell (empirical Bayes):
 * each hour of day is pulled towards the overall level, and each hour of week towards its hour of
 * day, with the prior weight {@code noise / spread} of the level below, so that a sparse series
 * learns a flat baseline and a busy one its full weekly shape.
 *
 * <p>Variation has three parts: the sampling variance of the events behind a window (from their
 * second moments: binomial for counted outcomes, the mix for NPS, Σa² for sums); an overdispersion
 * factor φ ≥ 1 estimated from the hourly residuals (Pearson), after taking out each day's own
 * level; and a day-to-day variance τ² of that level, which does not shrink with volume. Until the
 * baseline spans {@link #SETTLED_DAYS} days, τ is held at least at {@link #WARM_UP_DAY_SPREAD} of
 * the level, since a few days cannot tell it.
 *
 * <p>Robust to past incidents: days whose standardized residual lies more than
 * {@link #TRIM_LIMIT} robust standard deviations from the median day are left out, as are windows
 * overlapping the calendar's excluded periods.
 */
final class SeasonalBaseline {

    static final long DAY = 86_400_000L;
    static final long WEEK = 7 * DAY;
    static final int SETTLED_DAYS = 7;
    static final double WARM_UP_DAY_SPREAD = 0.05;
    static final double TRIM_LIMIT = 4;
    /**
     * Hours of week are learned only from this many days on: before that each hour of week has
     * been seen once or twice, and one unusual day would pass for a weekly pattern.
     */
    static final int WEEKLY_DAYS = 21;

    private final SeriesWindows w;
    private final int cellsPerDay;
    private final int cellsPerWeek;
    /** Windows the baseline learns from: not excluded by the calendar, not in a trimmed day. */
    private final boolean[] kept;

    double level;
    /** Ratios: variance per unit of denominator at the level. Totals: Σa² / Σa, the mean event size. */
    double unitVariance;
    /** Ratios: variance of the numerator alone per unit of denominator, Σa² / Σb (the denominator taken as given). */
    double numeratorVariance;
    double phi = 1;
    double dayVariance;
    /**
     * The day-to-day variance among days of the same weekday: what is left of {@link #dayVariance}
     * once a weekly pattern (quiet weekends) is taken out, so that the pattern is not taken for noise
     * when the hour-of-week profile is learned.
     */
    private double weekdayVariance;
    int days;
    int trimmedDays;
    int windows;
    double weight;
    private double[] hourOfDay;
    private double[] hourOfWeek;
    /** What each hour of week's rate rests on, in units of denominator: its own and its prior's. */
    private double[] weekInformation;

    private SeasonalBaseline(SeriesWindows w) {
        this.w = w;
        cellsPerDay = (int) Math.max(1, DAY / w.step);
        cellsPerWeek = (int) Math.max(1, WEEK / w.step);
        kept = new boolean[w.n];
    }

    /** The baseline learned from windows {@code from} (inclusive) to {@code to} (exclusive). */
    static SeasonalBaseline learn(SeriesWindows w, int from, int to, ExcludedPeriods excluded) {
        SeasonalBaseline s = new SeasonalBaseline(w);
        for (int i = from; i < to; i++) {
            s.kept[i] = (w.b[i] > 0 || w.a[i] != 0) && !excluded.overlaps(w.start[i], w.start[i] + w.step);
        }
        if (!s.profile(from, to, false)) {
            return s;
        }
        s.trim(from, to);
        if (!s.profile(from, to, false)) {
            return s;
        }
        s.dispersion(from, to);
        // again, now that overdispersion is known: spread it explains is no seasonality
        s.profile(from, to, s.days >= WEEKLY_DAYS);
        s.dispersion(from, to);
        return s;
    }

    /** Whether there is anything to compare with: at least two windows and some denominator. */
    boolean ready() {
        return windows >= 2 && weight > 0 && level == level;
    }

    boolean settled() {
        return days >= SETTLED_DAYS;
    }

    /** Expected rate (ratios) or total (counts, sums) of the window starting at {@code start}. */
    double expected(long start) {
        return hourOfWeek[cellOfWeek(start)];
    }

    /** Sampling variance of a window with denominator {@code b} and expected rate {@code p}, before φ. */
    double samplingVariance(double b, double p) {
        if (!w.ratio) {
            return unitVariance * Math.max(p, 0);
        }
        // counted outcomes vary with their own hour's rate (a quiet hour of the day, a quiet variance)
        return w.counted && level > 0 ? b * unitVariance * Math.max(p, 0) / level : b * unitVariance;
    }

    /** Sampling variance of a window's numerator alone, its denominator {@code b} taken as given. */
    double numeratorSamplingVariance(double b, double p) {
        return w.ratio ? b * numeratorVariance : samplingVariance(b, p);
    }

    /**
     * The baseline's own error for a stretch with {@code units[c]} units of denominator in hour of
     * week c ({@code n} in all): each hour of week's rate is as uncertain as the information it rests
     * on (independent from cell to cell), plus the error of the level they share, sampling and
     * day-to-day.
     */
    double baselineVariance(double[] units, double n) {
        double cells = 0;
        for (int c = 0; c < units.length; c++) {
            if (units[c] > 0) {
                cells += units[c] * units[c] * phi * samplingVariance(1, hourOfWeek[c]) / weekInformation[c];
            }
        }
        double shared = n * n * (phi * samplingVariance(1, level) / weight + dayVariance / Math.max(1, days));
        return cells + shared;
    }

    int cells() {
        return cellsPerWeek;
    }

    /** Which hour of week the baseline resolves: "hour of week", "hour of day" or "flat". */
    String shape() {
        boolean weekly = false;
        boolean daily = false;
        for (int c = 0; c < cellsPerWeek; c++) {
            weekly |= hourOfWeek[c] != hourOfDay[c % cellsPerDay];
        }
        for (int c = 0; c < cellsPerDay; c++) {
            daily |= hourOfDay[c] != level;
        }
        return weekly ? "hour of week" : daily ? "hour of day" : "flat";
    }

    private int cellOfDay(long start) {
        return (int) Math.floorMod(Math.floorDiv(start, w.step), (long) cellsPerDay);
    }

    int cellOfWeek(long start) {
        // epoch day 0 was a Thursday: shift so that cell 0 is Monday 00:00 UTC
        return (int) Math.floorMod(Math.floorDiv(start + 3 * DAY, w.step), (long) cellsPerWeek);
    }

    /**
     * Learns the level and the hour-of-day profile, and with {@code weekly} the hour-of-week
     * profile on top, whose cells then also carry the day-to-day variance of the days they saw.
     */
    private boolean profile(int from, int to, boolean weekly) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sab = 0;
        double sbb = 0;
        double[] dayA = new double[cellsPerDay];
        double[] dayB = new double[cellsPerDay];
        double[] weekA = new double[cellsPerWeek];
        double[] weekB = new double[cellsPerWeek];
        double[] weekDays = new double[cellsPerWeek];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (!kept[i]) {
                continue;
            }
            count++;
            sa += w.a[i];
            sb += w.b[i];
            saa += w.aa[i];
            sab += w.ab[i];
            sbb += w.bb[i];
            int d = cellOfDay(w.start[i]);
            int k = cellOfWeek(w.start[i]);
            dayA[d] += w.a[i];
            dayB[d] += w.b[i];
            weekA[k] += w.a[i];
            weekB[k] += w.b[i];
            weekDays[k]++;
        }
        windows = count;
        weight = sb;
        if (count < 2 || !(sb > 0)) {
            level = Double.NaN;
            return false;
        }
        // mean event size: 1 for counted outcomes, Σa²/Σa for amounts
        double size = sa > 0 ? saa / sa : 1;
        // half an event (Jeffreys) keeps a baseline that saw no event at all from being a certain 0
        level = w.counted && sa == 0 ? 0.5 * size / sb : sa / sb;
        if (w.ratio) {
            // the ratio estimator's variance of a − p·b per unit of b: for events that add to both
            // sums (sessions) the binomial or the mix; for numerator and denominator from different
            // events (SQLs and MQLs, costs and new customers) both sums' own variances
            double v = (saa - 2 * level * sab + level * level * sbb) / sb;
            // counted outcomes vary at least as binomial draws (rates up to 1) or Poisson counts
            // (a numerator that outgrows its denominator, e.g. a cost per customer without moments)
            double floor = !w.counted ? 0 : level < size ? size * level - level * level : size * level;
            unitVariance = Math.max(Math.max(v, floor), 1e-12);
            numeratorVariance = Math.max(Math.max(saa / sb, w.counted ? size * level : 0), 1e-12);
        } else {
            unitVariance = Math.max(size, 1e-12);
        }
        double noise = phi * samplingVariance(1, level);
        double[] dayInformation = new double[cellsPerDay];
        hourOfDay = shrink(dayA, dayB, null, i -> level, i -> weight, noise, 0, dayInformation);
        weekInformation = new double[cellsPerWeek];
        if (weekly) {
            hourOfWeek = shrink(weekA, weekB, weekDays, k -> hourOfDay[k % cellsPerDay],
                    k -> dayInformation[k % cellsPerDay], noise, weekdayVariance, weekInformation);
        } else {
            hourOfWeek = new double[cellsPerWeek];
            for (int k = 0; k < cellsPerWeek; k++) {
                hourOfWeek[k] = hourOfDay[k % cellsPerDay];
                weekInformation[k] = dayInformation[k % cellsPerDay];
            }
        }
        return true;
    }

    /**
     * Each cell's rate pulled towards its parent's with prior weight noise / spread, where spread
     * is the cells' variance around their parents beyond what sampling (and, for cells that saw
     * only {@code days[c]} days, the day-to-day variance) explains: the method of moments.
     */
    private static double[] shrink(double[] a, double[] b, double[] days, IntToDoubleFunction parent,
                                   IntToDoubleFunction parentInformation, double noise, double dayVariance,
                                   double[] information) {
        int cells = a.length;
        double spread = 0;
        double explained = 0;
        double total = 0;
        for (int c = 0; c < cells; c++) {
            if (b[c] > 0) {
                double d = a[c] / b[c] - parent.applyAsDouble(c);
                spread += b[c] * d * d;
                explained += noise + (days == null ? 0 : b[c] * dayVariance / days[c]);
                total += b[c];
            }
        }
        double between = total > 0 ? (spread - explained) / total : 0;
        double[] out = new double[cells];
        for (int c = 0; c < cells; c++) {
            double p = parent.applyAsDouble(c);
            if (!(between > 0) || b[c] == 0) {
                out[c] = p;
                information[c] = parentInformation.applyAsDouble(c);
            } else {
                double cellNoise = noise + (days == null ? 0 : b[c] * dayVariance / days[c]);
                double prior = cellNoise / between;
                out[c] = (a[c] + prior * p) / (b[c] + prior);
                information[c] = Math.min(b[c] + prior, parentInformation.applyAsDouble(c) + b[c]);
            }
        }
        return out;
    }

    /** Leaves out the days that lie far from the others (past incidents, outages). */
    private void trim(int from, int to) {
        DayResiduals r = dayResiduals(from, to);
        if (r.count < 3) {
            return;
        }
        int span = r.residual.length;
        double[] s = new double[span];
        boolean[] has = new boolean[span];
        for (int d = 0; d < span; d++) {
            if (r.noise[d] > 0) {
                s[d] = r.residual[d] / Math.sqrt(r.noise[d]);
                has[d] = true;
            }
        }
        // each day against the median of its weekday once there are three of them, so that quiet
        // weekends are a pattern rather than outliers; before that against the median of all days
        double[] center = new double[span];
        double overall = median(values(s, has, d -> true));
        for (int d = 0; d < span; d++) {
            int weekday = r.weekday(d);
            double[] same = values(s, has, e -> r.weekday(e) == weekday);
            center[d] = same.length >= 3 ? median(same) : overall;
        }
        double[] deviations = new double[span];
        for (int d = 0; d < span; d++) {
            deviations[d] = Math.abs(s[d] - center[d]);
        }
        double limit = TRIM_LIMIT * Math.max(1, 1.4826 * median(values(deviations, has, d -> true)));
        boolean[] out = new boolean[span];
        for (int d = 0; d < span; d++) {
            if (has[d] && deviations[d] > limit) {
                out[d] = true;
                trimmedDays++;
            }
        }
        for (int i = from; i < to; i++) {
            if (kept[i] && out[r.dayIndex(w.start[i])]) {
                kept[i] = false;
            }
        }
    }

    private static double[] values(double[] x, boolean[] has, java.util.function.IntPredicate which) {
        double[] out = new double[x.length];
        int k = 0;
        for (int d = 0; d < x.length; d++) {
            if (has[d] && which.test(d)) {
                out[k++] = x[d];
            }
        }
        return Arrays.copyOf(out, k);
    }


    private void dispersion(int from, int to) {
        DayResiduals r = dayResiduals(from, to);
        days = fullDays(from, to);
        double pearson = 0;
        int used = 0;
        for (int i = from; i < to; i++) {
            if (!kept[i]) {
                continue;
            }
            double p = expected(w.start[i]);
            double v = samplingVariance(w.b[i], p);
            if (v > 0) {
                int d = r.dayIndex(w.start[i]);
                double dayRate = r.weight[d] > 0 ? r.residual[d] / r.weight[d] : 0;
                double e = w.a[i] - w.b[i] * p - w.b[i] * dayRate;
                pearson += e * e / v;
                used++;
            }
        }
        int freedom = used - r.count - 1;
        phi = freedom >= 2 ? Math.max(1, pearson / freedom) : 1;
        if (r.count >= 2) {
            double excess = 0;
            double squares = 0;
            for (int d = 0; d < r.residual.length; d++) {
                if (r.weight[d] > 0) {
                    excess += r.residual[d] * r.residual[d] - phi * r.noise[d];
                    squares += r.weight[d] * r.weight[d];
                }
            }
            dayVariance = squares > 0 ? Math.max(0, excess / squares) : 0;
            weekdayVariance = weekdayVariance(r);
        }
        if (!settled()) {
            double floor = WARM_UP_DAY_SPREAD * level;
            dayVariance = Math.max(dayVariance, floor * floor);
        }
    }

    /** The method of moments within each weekday: residuals against their weekday's mean. */
    private double weekdayVariance(DayResiduals r) {
        double[] residual = new double[7];
        double[] weight = new double[7];
        int[] count = new int[7];
        for (int d = 0; d < r.residual.length; d++) {
            if (r.weight[d] > 0) {
                int g = r.weekday(d);
                residual[g] += r.residual[d];
                weight[g] += r.weight[d];
                count[g]++;
            }
        }
        double excess = 0;
        double squares = 0;
        for (int d = 0; d < r.residual.length; d++) {
            int g = r.weekday(d);
            if (r.weight[d] > 0 && count[g] >= 2) {
                double e = r.residual[d] - r.weight[d] * residual[g] / weight[g];
                double shrink = 1 - r.weight[d] / weight[g];
                excess += e * e - phi * r.noise[d] * shrink;
                squares += r.weight[d] * r.weight[d] * shrink;
            }
        }
        return squares > 0 ? Math.max(0, excess / squares) : dayVariance;
    }

    /** Whole days between the first and the last window learned from. */
    private int fullDays(int from, int to) {
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            if (kept[i]) {
                first = first == Long.MIN_VALUE ? w.start[i] : first;
                last = w.start[i];
            }
        }
        return first == Long.MIN_VALUE ? 0 : (int) ((last + w.step - first) / DAY);
    }

    /** Per UTC day of the stretch: residual against the profile, denominator, sampling variance. */
    private DayResiduals dayResiduals(int from, int to) {
        long firstDay = Math.floorDiv(w.start[from], DAY);
        int span = (int) (Math.floorDiv(w.start[to - 1], DAY) - firstDay + 1);
        DayResiduals r = new DayResiduals(firstDay, span);
        for (int i = from; i < to; i++) {
            if (!kept[i]) {
                continue;
            }
            int d = r.dayIndex(w.start[i]);
            double p = expected(w.start[i]);
            r.residual[d] += w.a[i] - w.b[i] * p;
            r.weight[d] += w.b[i];
            r.noise[d] += samplingVariance(w.b[i], p);
        }
        for (int d = 0; d < span; d++) {
            if (r.weight[d] > 0) {
                r.count++;
            }
        }
        return r;
    }

    private static final class DayResiduals {
        final long firstDay;
        final double[] residual;
        final double[] weight;
        final double[] noise;
        int count;

        DayResiduals(long firstDay, int span) {
            this.firstDay = firstDay;
            residual = new double[span];
            weight = new double[span];
            noise = new double[span];
        }

        int dayIndex(long start) {
            return (int) (Math.floorDiv(start, DAY) - firstDay);
        }

        /** 0 for Monday: epoch day 0 was a Thursday. */
        int weekday(int dayIndex) {
            return (int) Math.floorMod(firstDay + dayIndex + 3, 7L);
        }
    }

    private static double median(double[] x) {
        Arrays.sort(x);
        int n = x.length;
        return n == 0 ? 0 : n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
    }
}
