package dev.redflag.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Base of the stateful KPI operators (funnel, customer ledger) whose entity state depends on the
 * order of events: facts wait in state until the watermark passes them and are then applied in
 * event-time order, so a stream and a batch replay of the same events produce the same values.
 * They are applied when something can observe them: at the key's next tick, or before a late fact.
 * Nothing is emitted between ticks, so the values are those of applying each fact as soon as the
 * watermark passes it, without a timer per fact time (a key sees a fact every few minutes of event
 * time, so that was a timer registered, polled and fired for nearly every fact). A fact then waits
 * for up to a slide (an hour by default) rather than the watermark's lag.
 * At every window boundary the subclass gets a tick to snapshot and emit; ticks continue while the
 * subclass has live state, so a quiet key still reports (e.g. a churn of 0 or a stalled funnel).
 * At the end of a bounded input (watermark at its maximum) ticks stop at the end of the data: the
 * first boundary after the latest fact this subtask has seen, as far as a live job would have
 * ticked by then, instead of one tick per slide until the entity TTL drops the key.
 * Once per event-time day the subclass sweeps entities idle for longer than the entity TTL.
 *
 * <p>A fact that arrives behind the watermark (late, within the allowed lateness) is applied at
 * once, after the waiting facts the watermark has passed: entity state stays right, but windows
 * already emitted are not revised.
 */
public abstract class EventTimeOrderedFunction<F> extends KeyedProcessFunction<String, F, KpiValue> {

    private static final long DAY = 86_400_000L;

    private final Class<F> factClass;
    private final long[] slides;
    protected final long entityTtl;

    /**
     * Facts waiting for the watermark, by their time. State of versions before 2026-12-07 has a timer
     * at each of these times as well; when it fires it applies what is due, as a tick does.
     */
    private transient MapState<Long, List<F>> buffer;
    private transient ValueState<Long> lastSweepDay;
    /**
     * The latest fact time this subtask has seen since it started, for the end-of-input rule; not
     * checkpointed, so {@link Long#MIN_VALUE} (unknown) after a restore until a fact arrives.
     */
    private transient long latestFact = Long.MIN_VALUE;

    protected EventTimeOrderedFunction(Class<F> factClass, long[] slides, long entityTtlMillis) {
        this.factClass = factClass;
        this.slides = slides.clone();
        this.entityTtl = entityTtlMillis;
    }

    protected abstract long timestampOf(F fact);

    /** Applies one fact; {@code watermark} tells which windows are already emitted. */
    protected abstract void apply(F fact, long watermark) throws Exception;

    /** Called at each boundary after every fact before it is applied. */
    protected abstract void onBoundary(String key, long boundary, Collector<KpiValue> out)
            throws Exception;

    /** Whether the key still needs ticks with no new facts. */
    protected abstract boolean hasLiveState() throws Exception;

    /** Drops entities idle since before {@code cutoff}. */
    protected abstract void expireIdle(long cutoff) throws Exception;

    @Override
    public void open(OpenContext openContext) throws Exception {
        buffer = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                new ListTypeInfo<>(TypeInformation.of(factClass))));
        lastSweepDay = getRuntimeContext().getState(new ValueStateDescriptor<>("last-sweep-day", Types.LONG));
    }

    @Override
    public void processElement(F fact, Context ctx, Collector<KpiValue> out) throws Exception {
        long ts = timestampOf(fact);
        latestFact = Math.max(latestFact, ts);
        long watermark = ctx.timerService().currentWatermark();
        if (ts <= watermark) {
            applyWaiting(watermark);
            apply(fact, watermark);
            return;
        }
        List<F> pending = buffer.get(ts);
        boolean firstOfItsTime = pending == null;
        if (firstOfItsTime) {
            pending = new ArrayList<>(1);
        }
        pending.add(fact);
        buffer.put(ts, pending);
        if (!firstOfItsTime) {
            return; // the first fact of this time registered the ticks
        }
        for (long slide : slides) {
            long boundary = WindowMath.lastStart(ts, slide);
            if (boundary - 1 > watermark) {
                ctx.timerService().registerEventTimeTimer(boundary - 1);
            }
            ctx.timerService().registerEventTimeTimer(boundary + slide - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiValue> out) throws Exception {
        applyWaiting(timestamp);
        long boundary = timestamp + 1;
        if (!isBoundary(boundary)) {
            return;
        }
        onBoundary(ctx.getCurrentKey(), boundary, out);
        sweepOncePerDay(boundary);
        if (ticksAfter(boundary, ctx.timerService().currentWatermark()) && hasLiveState()) {
            ctx.timerService().registerEventTimeTimer(nextBoundary(boundary) - 1);
        }
    }

    /**
     * Applies the waiting facts of times up to {@code watermark}, in time order, each as when the
     * watermark reached it. A key has a slide's facts waiting at most, so it reads them all.
     */
    private void applyWaiting(long watermark) throws Exception {
        List<Map.Entry<Long, List<F>>> due = null;
        for (Map.Entry<Long, List<F>> waiting : buffer.entries()) {
            if (waiting.getKey() <= watermark) {
                if (due == null) {
                    due = new ArrayList<>();
                }
                due.add(Map.entry(waiting.getKey(), waiting.getValue()));
            }
        }
        if (due == null) {
            return;
        }
        due.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Long, List<F>> facts : due) {
            long time = facts.getKey();
            buffer.remove(time);
            for (F fact : facts.getValue()) {
                apply(fact, time - 1);
            }
        }
    }

    /**
     * Whether a key with live state gets another tick after {@code boundary}. A live watermark
     * ticks on. The maximal watermark means the input ended: ticks go on only to the boundary that
     * closes the window of the latest fact, where the keys that had facts there emit too; with no
     * fact seen since a restore, that end is unknown and ticking stops here.
     */
    private boolean ticksAfter(long boundary, long watermark) {
        if (watermark != Long.MAX_VALUE) {
            return true;
        }
        return latestFact != Long.MIN_VALUE && boundary < nextBoundary(latestFact);
    }

    private void sweepOncePerDay(long boundary) throws Exception {
        long day = Math.floorDiv(boundary, DAY);
        Long last = lastSweepDay.value();
        if (last == null) {
            lastSweepDay.update(day);
        } else if (day > last) {
            expireIdle(boundary - entityTtl);
            lastSweepDay.update(day);
        }
    }

    /** Adds to a counter kept in state; a counter back at zero takes no state. */
    protected static long add(ValueState<Long> counter, long delta) throws Exception {
        Long current = counter.value();
        long now = (current == null ? 0 : current) + delta;
        if (now == 0) {
            counter.clear();
        } else {
            counter.update(now);
        }
        return now;
    }

    protected static long valueOf(ValueState<Long> counter) throws Exception {
        Long current = counter.value();
        return current == null ? 0 : current;
    }

    protected static boolean anyNonEmpty(List<? extends MapState<?, ?>> states) throws Exception {
        for (MapState<?, ?> state : states) {
            if (!state.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Removes the entities {@code idle} says are idle, after telling {@code onRemove}. */
    protected static <S> void removeIf(MapState<String, S> entities, Predicate<S> idle,
                                       StateConsumer<S> onRemove) throws Exception {
        Iterator<Map.Entry<String, S>> it = entities.iterator();
        while (it.hasNext()) {
            Map.Entry<String, S> entry = it.next();
            S entity = entry.getValue();
            if (idle.test(entity)) {
                onRemove.accept(entry.getKey(), entity);
                it.remove();
            }
        }
    }

    /** A consumer of an entity and its ID that may touch Flink state, which throws checked exceptions. */
    @FunctionalInterface
    protected interface StateConsumer<S> {
        void accept(String id, S value) throws Exception;
    }

    private boolean isBoundary(long instant) {
        for (long slide : slides) {
            if (WindowMath.isBoundary(instant, slide)) {
                return true;
            }
        }
        return false;
    }

    private long nextBoundary(long after) {
        long next = Long.MAX_VALUE;
        for (long slide : slides) {
            next = Math.min(next, WindowMath.lastStart(after, slide) + slide);
        }
        return next;
    }
}
