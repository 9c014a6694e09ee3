package dev.redflag.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The compared runs' passes as Markdown: every pass's rate, the ratios the targets are about with
 * their spread over the rounds, and what the newer features (slices, multi-resolution windows)
 * cost in throughput and state.
 */
final class PassesReport {

    /** A ratio of two kinds' rates: what it says and, when the issues set one, its target. */
    record Ratio(String label, String numerator, String denominator, String target, double minimum) {

        /** A ratio with no target, reported for what it tells. */
        Ratio(String label, String numerator, String denominator) {
            this(label, numerator, denominator, "", Double.NaN);
        }
    }

    static final List<Ratio> RATIOS = List.of(
            new Ratio("redflag on heap / ceiling", "heap", "ceiling", ">= 60%", 0.60),
            new Ratio("Flink source alone / ceiling", "source", "ceiling"),
            new Ratio("redflag on heap / Flink source alone", "heap", "source"),
            new Ratio("redflag on heap / Flink SQL baseline", "heap", "sql", ">= 100%", 1.00),
            new Ratio("slices on / off (heap)", "heap", "heap-noslices", ">= 85%", 0.85),
            new Ratio("window: auto / fixed 1h windows (heap)", "heap", "heap-fixed"),
            new Ratio("parallelism 2 / parallelism 1 (heap)", "heap", "heap-p1"),
            new Ratio("RocksDB / heap", "rocksdb", "heap", ">= 50%", 0.50));

    private PassesReport() {
    }

    static String of(Passes passes, int rounds) {
        StringBuilder b = new StringBuilder();
        passesTable(b, "Passes (alternating, after the warm-up rounds)", passes, rounds, Result::perSecond,
                passes::rate);
        if (passes.kinds().stream().anyMatch(k -> passes.cpuRate(k) != null)) {
            passesTable(b, "Passes per CPU-second (events / CPU time of the pass's JVM over the same interval)", passes,
                    rounds, Result::perCpuSecond, passes::cpuRate);
        }
        b.append("\n## Ratios (round by round: median, min–max over the rounds)\n\n"
                + "| ratio | median | min–max | target | per CPU-second: median | min–max |\n"
                + "|---|---:|---:|---|---:|---:|\n");
        for (Ratio ratio : RATIOS) {
            if (passes.has(ratio.numerator()) && passes.has(ratio.denominator())) {
                Passes.Spread s = passes.ratio(ratio.numerator(), ratio.denominator());
                Passes.Spread cpu = passes.cpuRatio(ratio.numerator(), ratio.denominator());
                b.append(String.format(Locale.ROOT, "| %s | %.0f%% | %.0f–%.0f%% | %s | %s | %s |%n", ratio.label(),
                        100 * s.median(), 100 * s.min(), 100 * s.max(), ratio.target().isEmpty() ? "-" : ratio.target(),
                        cpu == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * cpu.median()),
                        cpu == null ? "-" : String.format(Locale.ROOT, "%.0f–%.0f%%", 100 * cpu.min(), 100 * cpu.max())));
            }
        }
        if (passes.has("heap")) {
            b.append("\n## Cost of the features (heap state, medians over the rounds)\n\n"
                    + "| run | events/s | throughput vs all features on | largest checkpoint | KPI series "
                    + "| checkpoint bytes per series |\n|---|---:|---:|---:|---:|---:|\n");
            double heap = passes.rate("heap").median();
            for (String kind : List.of("heap", "heap-noslices", "heap-fixed")) {
                if (!passes.has(kind)) {
                    continue;
                }
                long size = passes.checkpointSize(kind);
                long series = passes.series(kind);
                double rate = passes.rate(kind).median();
                b.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %s | %s |%n", Bench.COMPARED.get(kind),
                        rate, kind.equals("heap") ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * (rate / heap - 1)),
                        size < 0 ? "-" : Result.mib(size), series < 0 ? "-" : String.format(Locale.ROOT, "%,d", series),
                        size < 0 || series <= 0 ? "-" : String.format(Locale.ROOT, "%,d", size / series)));
            }
        }
        return b.toString();
    }

    /** One row per kind that has {@code spread}: each pass's rate, the median and the range. */
    private static void passesTable(StringBuilder b, String title, Passes passes, int rounds,
                                    ToDoubleFunction<Result> rate, Function<String, Passes.Spread> spread) {
        b.append("\n## ").append(title).append("\n\n| run |");
        for (int i = 1; i <= rounds; i++) {
            b.append(" pass ").append(i).append(" |");
        }
        b.append(" median | range, % of median |\n|---|");
        b.append("---:|".repeat(rounds + 2)).append('\n');
        for (String kind : passes.kinds()) {
            Passes.Spread s = spread.apply(kind);
            if (s == null) {
                continue;
            }
            b.append("| ").append(Bench.COMPARED.get(kind)).append(" |");
            for (Result r : passes.of(kind)) {
                double v = rate.applyAsDouble(r);
                b.append(Double.isNaN(v) ? " - |" : String.format(Locale.ROOT, " %,.0f |", v));
            }
            b.append(String.format(Locale.ROOT, " %,.0f | %.0f%% |%n", s.median(), 100 * s.relativeRange()));
        }
    }
}
