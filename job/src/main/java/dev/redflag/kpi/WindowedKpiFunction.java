package dev.redflag.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Aggregates contributions into event-time windows (tumbling or sliding, epoch-aligned) and emits
 * one {@link KpiValue} per window when the watermark passes its end. A contribution that arrives
 * after its window fired but within the allowed lateness updates the window and re-emits it at
 * once, as Flink's own event-time trigger does; state of a window is dropped when the watermark
 * passes its end plus the allowed lateness (a timer registered when the window fires, so an open
 * window holds one timer). A contribution whose window has expired is dropped and
 * counted ({@link ExpiredContributions}).
 *
 * <p>Written on timers and map state rather than Flink's window operator because each key carries
 * its own window spec and the per-window state is eight numbers (sums, second moments, a count,
 * a value and its time), plus a bounded {@link SliceTable} for a sliced KPI and a bounded {@link ExampleTable} for a KPI with
 * examples. A sliding window's
 * contribution is added to the table of every window it falls in, as to its sums.
 */
public class WindowedKpiFunction extends KeyedProcessFunction<String, Contribution, KpiValue> {

    private final KpiCatalog catalog;
    private final long allowedLateness;
    private final ExpiredContributions.Factory expiredCounter;

    private transient MapState<Long, WindowAccumulator> windows;
    private transient ExpiredContributions expired;
    /** Per key start ({@code kpi SEP window}) a route of it, for what a timer knows: its key. */
    private transient Map<String, KpiRoute> routes;
    /** Per route index its window's label, made once rather than per value. */
    private transient String[] labels;

    public WindowedKpiFunction(KpiCatalog catalog, long allowedLatenessMillis) {
        this(catalog, allowedLatenessMillis, ExpiredContributions.NONE);
    }

    public WindowedKpiFunction(KpiCatalog catalog, long allowedLatenessMillis, ExpiredContributions.Factory expired) {
        this.catalog = catalog;
        this.allowedLateness = allowedLatenessMillis;
        this.expiredCounter = expired;
    }

    @Override
    public void open(OpenContext openContext) {
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Types.LONG,
                TypeInformation.of(WindowAccumulator.class)));
        expired = expiredCounter.create();
        routes = new HashMap<>();
        String[] prefixes = KpiKeys.routePrefixes(catalog);
        labels = new String[prefixes.length];
        for (KpiRoute route : catalog.routes()) {
            routes.putIfAbsent(prefixes[route.index()], route);
            labels[route.index()] = route.window().label();
        }
    }

    /** The route of a key's KPI and window: one map look-up instead of parsing the label per timer. */
    private KpiRoute route(String key) {
        int second = key.indexOf(KpiKeys.SEP, key.indexOf(KpiKeys.SEP) + 1);
        KpiRoute route = routes.get(second < 0 ? key : key.substring(0, second));
        if (route == null) {
            throw new IllegalStateException("no KPI route for key " + key.replace(KpiKeys.SEP, '|'));
        }
        return route;
    }

    @Override
    public void close() {
        if (expired != null) {
            expired.close();
        }
    }

    @Override
    public void processElement(Contribution c, Context ctx, Collector<KpiValue> out) throws Exception {
        KpiRoute route = catalog.route(c.route());
        long size = route.sizeMillis();
        long slide = route.slideMillis();
        long watermark = ctx.timerService().currentWatermark();
        Aggregation aggregation = route.spec().aggregation();
        for (long start = WindowMath.lastStart(c.ts(), slide); start > c.ts() - size; start -= slide) {
            long lastInstant = start + size - 1;
            if (lastInstant + allowedLateness <= watermark) {
                // expired: its state is gone and its value final. The gate let the event in against its own
                // source subtask's watermark, which trails this one when another partition moved on while
                // that subtask counted as idle: counted, so it is not lost without a word
                expired.dropped(route.spec().name());
                continue;
            }
            WindowAccumulator acc = windows.get(start);
            if (acc == null) {
                acc = new WindowAccumulator();
                if (lastInstant > watermark) {
                    // its end only: the end's timer registers the cleanup, so a window still open
                    // holds one timer, not two (at a million sparse series, a million RocksDB writes)
                    ctx.timerService().registerEventTimeTimer(lastInstant);
                } else if (allowedLateness > 0) {
                    ctx.timerService().registerEventTimeTimer(lastInstant + allowedLateness);
                }
            }
            acc.add(aggregation, c.ts(), c.numerator(), c.denominator(), c.numeratorSquares(), c.crossProducts(),
                    c.denominatorSquares(), c.value(), c.samples());
            if (c.isSliced()) {
                KpiSpec spec = route.spec();
                acc.addSlice(spec.slices(), spec.maxSlices(), c.slice(), c.numerator(), c.denominator(), c.samples(),
                        c.numeratorSquares(), c.crossProducts(), c.denominatorSquares());
            }
            if (!c.examples().isEmpty()) {
                KpiSpec spec = route.spec();
                acc.addExamples(spec.examples().max(), spec.slices(), c.slice(), c.examples());
            }
            windows.put(start, acc);
            if (lastInstant <= watermark) {
                emit(ctx.getCurrentKey(), route, start, acc, out);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiValue> out) throws Exception {
        String key = ctx.getCurrentKey();
        KpiRoute route = route(key);
        long size = route.sizeMillis();
        long slide = route.slideMillis();
        // A timer is a window's end, its end plus the allowed lateness, or both (for two windows a
        // multiple of the slide apart). Windows start on slide boundaries only, so a start off the
        // boundary names no window: skipping it spares a state read that finds nothing and a delete
        // of nothing, two RocksDB calls per timer for every window of every key
        long firing = timestamp + 1 - size;
        if (WindowMath.isBoundary(firing, slide)) {
            WindowAccumulator acc = windows.get(firing);
            if (acc != null) {
                emit(key, route, firing, acc, out);
                if (allowedLateness > 0) {
                    // a timer at or before the watermark fires in this same advance, so a watermark
                    // that jumped past the lateness still drops the window
                    ctx.timerService().registerEventTimeTimer(timestamp + allowedLateness);
                }
            }
        }
        long expired = timestamp + 1 - allowedLateness - size;
        if (WindowMath.isBoundary(expired, slide)) {
            windows.remove(expired);
        }
    }

    private void emit(String key, KpiRoute route, long start, WindowAccumulator acc, Collector<KpiValue> out) {
        KpiSpec spec = route.spec();
        Aggregation aggregation = spec.aggregation();
        double value = acc.result(aggregation, spec.scale());
        if (Double.isNaN(value)) {
            return;
        }
        boolean ratio = aggregation.isRatio();
        boolean moments = WindowAccumulator.hasMoments(aggregation);
        out.collect(new KpiValue(spec.name(), labels[route.index()], KpiKeys.dims(key, spec.by()), start,
                start + route.sizeMillis(), value,
                ratio ? acc.numerator : Double.NaN, ratio ? acc.denominator : Double.NaN,
                acc.samples, moments ? acc.numeratorSquares : Double.NaN,
                moments ? acc.crossProducts : Double.NaN, moments ? acc.denominatorSquares : Double.NaN,
                SliceRollup.slices(spec.slices(), acc.slices),
                acc.examples == null ? Examples.NONE : acc.examples.toExamples(spec.slices())));
    }
}
