package dev.redflag.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measured passes of the compared runs, taken in rounds (one pass of every kind per round, in
 * the same order), so that a slow stretch of a shared machine falls on every kind alike. A ratio of
 * two kinds is taken round by round, between passes measured minutes apart at most, and its spread
 * over the rounds says how well it holds.
 */
final class Passes {

    /** The median of a figure over the rounds, with its smallest and largest. */
    record Spread(double median, double min, double max, int n) {

        static Spread of(double[] values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("no values");
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int mid = sorted.length / 2;
            double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
        }

        /** Largest minus smallest, as a share of the median: 0.08 when the passes lie within 8% of each other. */
        double relativeRange() {
            return (max - min) / median;
        }

        String rates() {
            return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", median, min, max);
        }

        String percents() {
            return String.format(Locale.ROOT, "%.0f%% (%.0f–%.0f%%)", 100 * median, 100 * min, 100 * max);
        }
    }

    private final Map<String, List<Result>> byKind = new LinkedHashMap<>();
    private final Map<String, List<Long>> seriesByKind = new LinkedHashMap<>();

    /** @param series distinct KPI series the pass emitted, -1 when not counted */
    void add(String kind, Result result, long series) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(result);
        seriesByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(series);
    }

    boolean has(String kind) {
        return byKind.containsKey(kind);
    }

    List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }

    List<Result> of(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    Spread rate(String kind) {
        return Spread.of(of(kind).stream().mapToDouble(Result::perSecond).toArray());
    }

    /** {@code numerator}'s rate over {@code denominator}'s, round by round. */
    Spread ratio(String numerator, String denominator) {
        return ratio(numerator, denominator, Result::perSecond);
    }

    /** Events per CPU-second of the kind's passes that measured it; null when none did. */
    Spread cpuRate(String kind) {
        double[] rates = of(kind).stream().mapToDouble(Result::perCpuSecond).filter(r -> !Double.isNaN(r)).toArray();
        return rates.length == 0 ? null : Spread.of(rates);
    }

    /**
     * {@code numerator}'s events per CPU-second over {@code denominator}'s, round by round: the
     * ratio of what an event costs, which the machine's other load moves far less than the rates;
     * null when a round lacks the CPU time of either.
     */
    Spread cpuRatio(String numerator, String denominator) {
        Spread s = ratio(numerator, denominator, Result::perCpuSecond);
        return Double.isNaN(s.median()) || Double.isNaN(s.min()) || Double.isNaN(s.max()) ? null : s;
    }

    private Spread ratio(String numerator, String denominator, java.util.function.ToDoubleFunction<Result> rate) {
        List<Result> a = of(numerator);
        List<Result> b = of(denominator);
        int rounds = Math.min(a.size(), b.size());
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = rate.applyAsDouble(a.get(i)) / rate.applyAsDouble(b.get(i));
        }
        return Spread.of(ratios);
    }

    /** Median of the largest checkpoint's full size over the passes, bytes; -1 when none took one. */
    long checkpointSize(String kind) {
        double[] sizes = of(kind).stream().mapToLong(Result::checkpointSize).filter(s -> s >= 0)
                .mapToDouble(s -> s).toArray();
        return sizes.length == 0 ? -1 : (long) Spread.of(sizes).median();
    }

    /** Median of the distinct KPI series over the passes; -1 when not counted. */
    long series(String kind) {
        double[] counts = seriesByKind.getOrDefault(kind, List.of()).stream().mapToLong(Long::longValue)
                .filter(s -> s > 0).mapToDouble(s -> s).toArray();
        return counts.length == 0 ? -1 : (long) Spread.of(counts).median();
    }

    /**
     * The pass whose rate is the median (the lower middle one for an even count), its note saying
     * so with the spread, for the results table.
     */
    Result median(String kind) {
        List<Result> passes = new ArrayList<>(of(kind));
        passes.sort((x, y) -> Double.compare(x.perSecond(), y.perSecond()));
        Result mid = passes.get((passes.size() - 1) / 2);
        Spread s = rate(kind);
        return mid.withNote(String.format(Locale.ROOT, "median of %d passes (%,.0f–%,.0f events/s, range %.0f%% of "
                + "the median); %s", s.n(), s.min(), s.max(), 100 * s.relativeRange(), mid.note()));
    }
}
