package dev.redflag.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets of issue 19 (and issue 16's cost of slices) against what one run of the benchmark
 * measured, as one table after the report's results: each target, the figure, and whether it is met.
 * A target whose runs were not part of the run is not listed.
 */
final class Targets {

    /** One target: what it is about, the figure measured, the target, and whether the figure meets it. */
    record Target(String what, String measured, String target, boolean met) {
    }

    private final List<Target> targets = new ArrayList<>();

    /** The ratios with a minimum, each as the median of its round-by-round values with their min–max. */
    void ratios(Passes passes) {
        for (PassesReport.Ratio ratio : PassesReport.RATIOS) {
            if (Double.isNaN(ratio.minimum()) || !passes.has(ratio.numerator()) || !passes.has(ratio.denominator())) {
                continue;
            }
            Passes.Spread s = passes.ratio(ratio.numerator(), ratio.denominator());
            targets.add(new Target(ratio.label(), s.percents() + " over " + s.n() + " rounds", ratio.target(),
                    s.median() >= ratio.minimum()));
        }
    }

    /** Alert latency: p99 under a second, at the rule transition and where the notification leaves. */
    void latency(AlertLatency.Latencies rule, AlertLatency.Latencies notification) {
        latency("alert latency p99, rule transition", rule);
        latency("alert latency p99, notification out", notification);
    }

    private void latency(String what, AlertLatency.Latencies l) {
        if (l.millis().length == 0) {
            targets.add(new Target(what, "no firing alert measured", "< 1 s", false));
            return;
        }
        long p99 = l.percentiles().p99();
        targets.add(new Target(what, String.format(Locale.ROOT, "%,d ms (%d alerts)", p99, l.millis().length),
                "< 1 s", p99 < 1_000));
    }

    /**
     * The key curve: the largest point's throughput against the smallest's (with two points or more),
     * and the largest point within the 1 GiB heap. Needs the points in the order run, smallest first.
     * Both targets are about RocksDB: a curve on heap state ({@code --key-backend hashmap}) is measured
     * to be set beside it and counts for neither.
     */
    void keys(String backend, List<KeyCurve.Point> points) {
        if (points.isEmpty() || !backend.equals("rocksdb")) {
            return;
        }
        KeyCurve.Point small = points.get(0);
        KeyCurve.Point large = points.get(points.size() - 1);
        if (points.size() >= 2) {
            String what = String.format(Locale.ROOT, "%,d keys against %,d (RocksDB)", large.keys(), small.keys());
            if (small.failure() != null || large.failure() != null) {
                targets.add(new Target(what, "a point failed", ">= 50%", false));
            } else {
                double ratio = large.result().perSecond() / small.result().perSecond();
                targets.add(new Target(what, String.format(Locale.ROOT, "%.0f%% (%,.0f of %,.0f events/s)",
                        100 * ratio, large.result().perSecond(), small.result().perSecond()), ">= 50%", ratio >= 0.5));
            }
        }
        boolean under = large.failure() == null && large.liveHeap() >= 0 && large.liveHeap() < (1L << 30);
        targets.add(new Target(String.format(Locale.ROOT, "%,d keys with the JVM heap under 1 GiB", large.keys()),
                large.failure() != null ? "failed: " + large.failure()
                        : String.format(Locale.ROOT, "%s live after a full GC, %s peak, max heap %s",
                        large.liveHeap() < 0 ? "-" : Result.mib(large.liveHeap()), Result.mib(large.result().peakHeap()),
                        large.maxHeap() < 0 ? "-" : Result.mib(large.maxHeap())), "< 1 GiB", under));
    }

    List<Target> all() {
        return List.copyOf(targets);
    }

    String markdown() {
        if (targets.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n## Targets\n\n| target | measured | wanted | met |\n|---|---|---|---|\n");
        for (Target t : targets) {
            b.append("| ").append(t.what()).append(" | ").append(t.measured()).append(" | ").append(t.target())
                    .append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n");
        }
        long met = targets.stream().filter(Target::met).count();
        b.append(String.format(Locale.ROOT, "%n%d of %d targets met in this run.%n", met, targets.size()));
        return b.toString();
    }
}
