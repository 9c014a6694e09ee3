package dev.redflag.bench.jmh;

import dev.redflag.bench.Bench;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.AlertStatesInMemory;
import dev.redflag.alert.SeriesAlerts;
import dev.redflag.demo.Incidents;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.demo.TrafficModel;
import dev.redflag.event.Decoded;
import dev.redflag.event.Event;
import dev.redflag.event.EventDecoder;
import dev.redflag.kpi.Aggregation;
import dev.redflag.kpi.ContributionCombiner;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowAccumulator;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.eval.Judgement;
import dev.redflag.rules.eval.RuleEvaluator;
import dev.redflag.rules.eval.SeriesHistory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The per-event and per-window hot path, on the demo's generated traffic (all event types mixed):
 * decoding one record, turning one event into its KPI contributions merged per pane and adding
 * them to window accumulators, judging the rule pack on one KPI value of a series with a day of history, and the
 * cost of plain threshold rules: one judged alone, and many on one KPI through the whole per-value path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmarks {

    @Param("alerts-config/rules")
    public String rules;

    private final EventDecoder decoder = new EventDecoder();
    private final EventDecoder jacksonDecoder = EventDecoder.jacksonOnly();
    private byte[][] records;
    private Event[] events;
    private KpiCatalog catalog;
    private ContributionCombiner combiner;
    private final WindowAccumulator[] accumulators = new WindowAccumulator[64];
    private int next;

    private ActiveRules active;
    private SeriesAlerts alerts;
    private SeriesHistory history;
    private SeriesAlerts.States stateStore;
    private long windowStart;
    private Map<String, String> dims;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        records = demoRecords();
        List<Event> decoded = new ArrayList<>();
        for (byte[] r : records) {
            Decoded d = decoder.decode(r);
            if (d.isOk()) {
                decoded.add(d.event());
            }
        }
        events = decoded.toArray(new Event[0]);
        // the pack's rules name the KPIs of the kpis.yaml beside them (sessions among them), as the job loads them
        catalog = Bench.catalog(Path.of(rules), List.of(WindowSpec.parse("1h")));
        combiner = new ContributionCombiner(catalog);
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = new WindowAccumulator();
        }

        RuleSet set = RuleLoader.parseAll(RuleBundle.read(Path.of(rules)).files(), catalog);
        active = new ActiveRules(set, catalog);
        alerts = new SeriesAlerts(AlertLifecycle.DEFAULT);
        history = SeriesHistory.forLookback(Math.max(active.lookback("bounce_rate", "1h"), 24));
        stateStore = new AlertStatesInMemory();
        dims = new TreeMap<>(Map.of("tenant", "acme", "page", "/pricing"));
        windowStart = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int h = 0; h < 24; h++) {
            history.add(value(0.30 + 0.01 * (h % 3)));
        }
    }

    /** 4,096 records of the demo's generator, all types, after its first minute. */
    static byte[][] demoRecords() {
        TrafficGenerator generator = new TrafficGenerator(TrafficModel.defaults(), Incidents.scripted(), 7,
                Instant.parse("2024-01-01T00:00:00Z"));
        // the first minute starts the whole subscriber population: not the usual mix
        generator.nextMinute();
        List<byte[]> lines = new ArrayList<>();
        while (lines.size() < 4096) {
            for (String line : generator.nextMinute()) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return lines.subList(0, 4096).toArray(new byte[0][]);
    }

    private KpiValue value(double v) {
        long start = windowStart;
        windowStart += 3_600_000L;
        double bounces = v * 400;
        return new KpiValue("bounce_rate", "1h", dims, start, start + 3_600_000L, v, bounces, 400, 400, bounces,
                bounces, 400);
    }

    /** One record of the mixed stream, bytes to event. */
    @Benchmark
    public Decoded decode() {
        byte[] r = records[next++ & 4095];
        return decoder.decode(r);
    }

    /** {@link #decode} without the scanner, every record through Jackson's tokenizer: the cost before it. */
    @Benchmark
    public Decoded decodeWithJacksonOnly() {
        byte[] r = records[next++ & 4095];
        return jacksonDecoder.decode(r);
    }

    /**
     * One decoded event to its KPI contributions merged per key and pane, as the job's source-side
     * combiner does (none for subscription, lead and support events, which feed the funnel and the
     * ledger); every 1,024 events the panes are drained into window accumulators, as a flush before
     * a watermark hands them to the window operator, so the figure includes that share.
     */
    @Benchmark
    public void contributeToWindows(Blackhole bh) {
        combiner.add(events[next++ % events.length]);
        if ((next & 1023) == 0) {
            combiner.drain(c -> {
                WindowAccumulator acc = accumulators[c.key().hashCode() & 63];
                acc.add(Aggregation.RATIO, c.ts(), c.numerator(), c.denominator(), c.numeratorSquares(),
                        c.crossProducts(), c.denominatorSquares(), c.value(), c.samples());
                if (c.isSliced()) {
                    KpiSpec spec = catalog.route(c.route()).spec();
                    acc.addSlice(spec.slices(), spec.maxSlices(), c.slice(), c.numerator(), c.denominator(),
                            c.samples(), c.numeratorSquares(), c.crossProducts(), c.denominatorSquares());
                }
                bh.consume(c);
            });
        }
    }

    /** The rule pack judged on one closed bounce-rate window of a series (every 4th one spikes). */
    @Benchmark
    public List<AlertEvent> evaluateRulesOnWindow() throws Exception {
        double v = (next++ & 3) == 0 ? 0.75 : 0.31;
        return alerts.onValue(active, history, stateStore, value(v));
    }

    /**
     * {@code thresholdRules} rules {@code {above: X}} on {@code bounce_rate}, X from 0.9 up so that
     * no value fires one (pure evaluation, no alert to render), with an alert state per rule.
     */
    @State(Scope.Thread)
    public static class ThresholdRules {

        @Param("1000")
        public int thresholdRules;

        ActiveRules active;
        Rule single;
        SeriesHistory history;
        final SeriesAlerts alerts = new SeriesAlerts(AlertLifecycle.DEFAULT);
        SeriesAlerts.States stateStore;

        @Setup(Level.Trial)
        public void setUp() {
            KpiCatalog catalog = KpiCatalog.builtins(List.of(WindowSpec.parse("1h")));
            StringBuilder yaml = new StringBuilder("groups:\n  - name: thresholds\n    rules:\n");
            for (int i = 0; i < thresholdRules; i++) {
                yaml.append("      - alert: BounceAbove").append(i).append('\n')
                        .append("        kpi: bounce_rate\n        severity: warning\n")
                        .append("        when: {above: ").append(0.9 + i * 1e-5).append("}\n");
            }
            RuleSet set = RuleLoader.parse(yaml.toString(), "thresholds.yaml", catalog);
            active = new ActiveRules(set, catalog);
            single = set.rules().get(0);
            history = SeriesHistory.forLookback(active.lookback("bounce_rate", "1h"));
            stateStore = new AlertStatesInMemory();
        }
    }

    /** The cheapest rule: one threshold judged on one value, evaluator only (no lifecycle, no state). */
    @Benchmark
    public Judgement judgeThresholdRule(ThresholdRules t) {
        double v = (next++ & 3) == 0 ? 0.95 : 0.31;
        return RuleEvaluator.judge(t.single, t.history, value(v));
    }

    /**
     * One value of a KPI with {@code thresholdRules} threshold rules, through the whole per-value
     * path of the rule operator ({@code SeriesAlerts.onValue}: select, judge, step, keep state).
     */
    @Benchmark
    public List<AlertEvent> evaluateThresholdRules(ThresholdRules t) throws Exception {
        double v = (next++ & 3) == 0 ? 0.75 : 0.31;
        return t.alerts.onValue(t.active, t.history, t.stateStore, value(v));
    }
}
