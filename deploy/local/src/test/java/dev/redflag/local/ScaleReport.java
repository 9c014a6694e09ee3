package dev.redflag.local;

import dev.redflag.local.ScalePass.Shape;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/** The scale run's figures as Markdown: the passes, the points, the check of the projection, the projection. */
final class ScaleReport {

    private static final List<String> KEYED = List.of(KeyCensus.WINDOWED, KeyCensus.FUNNEL, KeyCensus.LEDGER);

    private final long events;
    private final int partitions;
    private final int tenants;
    private final String loadAtStart;
    private final String loadAtEnd;
    private final List<ScalePass> passes;
    private final KeyCensus census;
    private final List<Integer> projected;
    private final IntFunction<KeyCensus> censusOfTenants;
    private final StringBuilder out = new StringBuilder();

    ScaleReport(long events, int partitions, int tenants, String loadAtStart, String loadAtEnd, List<ScalePass> passes,
                KeyCensus census, List<Integer> projected, IntFunction<KeyCensus> censusOfTenants) {
        this.events = events;
        this.partitions = partitions;
        this.tenants = tenants;
        this.loadAtStart = loadAtStart;
        this.loadAtEnd = loadAtEnd;
        this.passes = passes;
        this.census = census;
        this.projected = projected;
        this.censusOfTenants = censusOfTenants;
    }

    String markdown() {
        line("");
        line("## Scale run, %s", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("");
        line("%,d events of the demo's generator (%d tenants, seed %d; %,d decode to events) in %d partitions; the live "
                        + "job on RocksDB with incremental checkpoints every 5 s and the shipped rules, at parallelism = slots, "
                        + "each pass on fresh TaskManagers; %d cores; load average %s at the start, %s at the end.",
                events, tenants, LocalStackScale.SEED, census.events(), partitions, Runtime.getRuntime().availableProcessors(),
                loadAtStart, loadAtEnd);
        passesTable();
        TreeSet<Integer> slots = new TreeSet<>(passes.stream().map(p -> p.shape().slots()).toList());
        pointsTable(slots);
        busyTable(slots);
        if (slots.contains(1)) {
            ScaleProjection.OneSlot one = oneSlot();
            check(one, slots);
            keysTable();
            projection(one);
            memory();
        }
        return out.toString();
    }

    private void passesTable() {
        line("");
        line("| round | shape | events/s | seconds measured | cores: TaskManagers | cores: broker | cores: JobManager "
                + "| checkpoint (full) | uploaded (incremental) | largest slot's state | TaskManager heap peak | load average before → after |");
        line("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (ScalePass p : passes) {
            double tmCores = p.coresByProcess().entrySet().stream().filter(e -> e.getKey().startsWith("taskmanager"))
                    .mapToDouble(Map.Entry::getValue).sum();
            line("| %d | %s | %,.0f | %.1f | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s |", p.round(), p.shape(),
                    p.rate().perSecond(), p.rate().seconds(), tmCores, p.coresByProcess().getOrDefault("kafka", 0.0),
                    p.coresByProcess().getOrDefault("jobmanager", 0.0), mib(p.checkpointBytes()), mib(p.incrementalBytes()),
                    mib(p.slots().largest()), mib(p.heapPeak()), p.load());
        }
    }

    /** One row per shape (two shapes of the same slots, 1x2 and 2x1, are different points). */
    private void pointsTable(TreeSet<Integer> slots) {
        line("");
        line("| slots | shape | events/s, median (min–max) | per slot | against 1 slot | CPU µs per event: TaskManagers "
                + "| CPU µs per event: all processes | checkpoint (full) | state per slot: largest (mean) |");
        line("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        double one = slots.contains(1) ? rate(1).median() : Double.NaN;
        for (Shape shape : shapes()) {
            List<ScalePass> of = passes.stream().filter(p -> p.shape().equals(shape)).toList();
            int s = shape.slots();
            Spread rate = Spread.of(of.stream().mapToDouble(p -> p.rate().perSecond()).toArray());
            line("| %d | %s | %s | %,.0f | %s | %.2f | %.2f | %s | %s (%s) |", s, shape, rate.rates(),
                    rate.median() / s, Double.isNaN(one) ? "-" : String.format(Locale.ROOT, "%.2f×", rate.median() / one),
                    1e6 * median(of, ScalePass::taskManagerCpuPerEvent), 1e6 * median(of, ScalePass::allCpuPerEvent),
                    mib((long) median(of, ScalePass::checkpointBytes)), mib((long) median(of, p -> p.slots().largest())),
                    mib((long) median(of, p -> p.slots().total() / (double) s)));
        }
    }

    private List<Shape> shapes() {
        return passes.stream().map(ScalePass::shape).distinct()
                .sorted(Comparator.comparingInt(Shape::slots).thenComparing(Shape::taskManagers)).toList();
    }

    private void busyTable(TreeSet<Integer> slots) {
        line("");
        StringBuilder head = new StringBuilder("| vertex (busiest subtask, share of wall time busy) |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int s : slots) {
            head.append(' ').append(s).append(s == 1 ? " slot |" : " slots |");
            rule.append("---:|");
        }
        line("%s", head);
        line("%s", rule);
        for (String vertex : busyAt(slots.first()).keySet()) {
            StringBuilder row = new StringBuilder("| " + vertex + " |");
            for (int s : slots) {
                Double b = busyAt(s).get(vertex);
                row.append(b == null ? " - |" : String.format(Locale.ROOT, " %.0f%% |", 100 * b));
            }
            line("%s", row);
        }
    }

    private ScaleProjection.OneSlot oneSlot() {
        List<ScalePass> of = of(1);
        return new ScaleProjection.OneSlot(rate(1).median(), busyAt(1), median(of, ScalePass::taskManagerCpuPerEvent),
                (long) median(of, ScalePass::checkpointBytes), census.series());
    }

    /** What the model predicts for each measured point from the one-slot point, and what was measured. */
    private void check(ScaleProjection.OneSlot one, TreeSet<Integer> slots) {
        int cores = Runtime.getRuntime().availableProcessors();
        double machine = cores / median(of(1), ScalePass::allCpuPerEvent);
        line("");
        line("The projection against the measured points: each slot as fast as the one-slot point (S × %,.0f), capped "
                + "by the busiest source and keyed subtasks (the model of the projection, with this traffic's keys), "
                + "and by this machine: %d cores / %.2f µs of CPU per event of all processes at 1 slot = %,.0f events/s.",
                one.eventsPerSecond(), cores, 1e6 * median(of(1), ScalePass::allCpuPerEvent), machine);
        line("");
        line("| slots | S × 1 slot | model (source and key caps) | bound | machine cap | predicted | measured, median (min–max) | measured / predicted |");
        line("|---:|---:|---:|---|---:|---:|---:|---:|");
        for (int s : slots) {
            ScaleProjection.Row row = row(one, s, census);
            double predicted = Math.min(row.eventsPerSecond(), machine);
            Spread measured = rate(s);
            line("| %d | %,.0f | %,.0f | %s | %,.0f | %,.0f | %s | %.0f%% |", s, s * one.eventsPerSecond(),
                    row.eventsPerSecond(), row.bound(), machine, predicted, measured.rates(), 100 * measured.median() / predicted);
        }
    }

    private void keysTable() {
        line("");
        line("Keys of the measured traffic (%,d events, %d tenants), placed on subtasks as Flink places them "
                + "(default max parallelism, key groups); the load of `windowed-kpis` is one record per key and flush "
                + "(merged before the exchange), of the others one per event of their types:", census.events(), tenants);
        line("");
        StringBuilder head = new StringBuilder("| keyed vertex | keys | its records per event | largest key's share of its events |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|");
        List<Integer> sizes = new ArrayList<>(List.of(2, 4));
        sizes.addAll(projected);
        for (int s : sizes) {
            head.append(" busiest subtask at ").append(s).append(" (× even) |");
            rule.append("---:|");
        }
        line("%s", head);
        line("%s", rule);
        for (String op : KEYED) {
            KeySpread byEvents = KeySpread.of(census.events(op), 1);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.1f%% |", op,
                    census.events(op).size(), census.perEvent(op), 100 * byEvents.largestKeyShare()));
            for (int s : sizes) {
                KeySpread spread = KeySpread.of(census.load(op), s);
                row.append(String.format(Locale.ROOT, " %.1f%% (%.2f) |", 100 * spread.busiestShare(), spread.imbalance()));
            }
            line("%s", row);
        }
    }

    private void projection(ScaleProjection.OneSlot one) {
        line("");
        line("Projection from the one-slot point: %,.0f events/s, %.2f cores of the TaskManager per slot, %,.0f checkpoint "
                + "bytes per KPI series (%s over %,d series). A: the measured traffic (%d tenants) on S slots; "
                + "B: S times the one-slot workload (%d × S tenants of the generator), its keys counted on a million records.",
                one.eventsPerSecond(), one.coresPerSlot(), one.bytesPerSeries(), mib(one.checkpointBytes()), one.series(),
                tenants, tenants);
        line("");
        line("| slots | workload | partitions | caps: source / windowed-kpis / lead-funnel / customer-ledger / rule-evaluation "
                + "| projected events/s | bound | cores for the TaskManagers | KPI series | state of the largest slot | checkpoint (full) |");
        line("|---:|---|---:|---|---:|---|---:|---:|---:|---:|");
        for (int s : projected) {
            emit(s, "A: " + tenants + " tenants", row(one, s, census), one, census.series());
            KeyCensus scaled = censusOfTenants.apply(tenants * s);
            emit(s, "B: " + tenants * s + " tenants", rowWith(one, s, scaled, census.series() * s), one, census.series() * s);
        }
    }

    private void emit(int s, String workload, ScaleProjection.Row row, ScaleProjection.OneSlot one, long series) {
        StringBuilder caps = new StringBuilder();
        for (String v : List.of(ScaleProjection.SOURCE, KeyCensus.WINDOWED, KeyCensus.FUNNEL, KeyCensus.LEDGER,
                "rule-evaluation")) {
            Double c = row.caps().get(v);
            caps.append(caps.length() == 0 ? "" : " / ").append(c == null || c.isInfinite() ? "-" : String.format(Locale.ROOT, "%,.0f", c));
        }
        line("| %d | %s | %d | %s | %,.0f | %s | %.1f | %,d | %s | %s |", s, workload, row.partitions(), caps,
                row.eventsPerSecond(), row.bound(), s * one.coresPerSlot(), series, mib(row.statePerSlot()),
                mib(row.checkpointBytes()));
    }

    private void memory() {
        double one = of(1).stream().mapToLong(ScalePass::heapPeak).max().orElse(-1);
        List<ScalePass> twoPerTm = passes.stream().filter(p -> p.shape().slotsPerTaskManager() == 2).toList();
        if (twoPerTm.isEmpty()) {
            return;
        }
        double two = twoPerTm.stream().mapToLong(ScalePass::heapPeak).max().orElse(-1);
        line("");
        line("TaskManager heap used (largest sample while reading; G1 collects late, so this is an upper bound): "
                + "%s with 1 slot, %s with 2 slots: %s more per slot. Every TaskManager ran with `TM_MEMORY=1280m`.",
                mib((long) one), mib((long) two), mib((long) (two - one)));
    }

    private ScaleProjection.Row row(ScaleProjection.OneSlot one, int slots, KeyCensus keys) {
        return rowWith(one, slots, keys, keys.series());
    }

    private ScaleProjection.Row rowWith(ScaleProjection.OneSlot one, int slots, KeyCensus keys, long series) {
        Map<String, KeySpread> spreads = new LinkedHashMap<>();
        for (String op : KEYED) {
            spreads.put(op, KeySpread.of(keys.load(op), slots));
        }
        // rule evaluation is keyed by series as windowed-kpis is: the same spread, give or take the hash
        spreads.put("rule-evaluation", spreads.get(KeyCensus.WINDOWED));
        // the measured points read the topic they had; a projected cluster gets the partitions it needs
        int p = slots <= partitions ? partitions : ScaleProjection.partitions(slots);
        return ScaleProjection.project(one, slots, p, spreads, series, spreads.get(KeyCensus.WINDOWED));
    }

    private Map<String, Double> busyAt(int slots) {
        Map<String, Double> busy = new LinkedHashMap<>();
        List<ScalePass> of = of(slots);
        for (ScalePass p : of) {
            p.busy().keySet().forEach(v -> busy.putIfAbsent(v, 0.0));
        }
        busy.replaceAll((v, ignored) -> Spread.of(of.stream().filter(p -> p.busy().containsKey(v))
                .mapToDouble(p -> p.busy().get(v)).toArray()).median());
        return busy;
    }

    private List<ScalePass> of(int slots) {
        return passes.stream().filter(p -> p.shape().slots() == slots).toList();
    }

    private Spread rate(int slots) {
        return Spread.of(of(slots).stream().mapToDouble(p -> p.rate().perSecond()).toArray());
    }

    private static double median(List<ScalePass> passes, ToDoubleFunction<ScalePass> figure) {
        return Spread.of(passes.stream().mapToDouble(figure).toArray()).median();
    }

    static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
