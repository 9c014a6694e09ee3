package dev.redflag.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What the rule evaluation operator reports: the time to judge one KPI value against the rules of
 * its series, the histogram {@code redflag_rule_evaluation_seconds}, and per subtask how far its
 * watermark trails the wall clock, {@code redflag_event_time_lag_seconds{subtask}}.
 *
 * <p>The histogram has no labels and fixed buckets: a label per KPI would multiply its series by
 * the buckets, and fixed buckets are what lets PromQL add up the histograms of all TaskManagers
 * ({@code histogram_quantile(0.99, sum by (le) (rate(redflag_rule_evaluation_seconds_bucket[5m])))}).
 *
 * <p>The lag is labelled with the subtask index, unique across TaskManagers, so the series of
 * parallel subtasks never collide and {@code max(redflag_event_time_lag_seconds)} is the worst.
 */
public final class RuleEvaluationMetrics {

    /** From a map lookup in memory to RocksDB reads of a long history and an anomaly model. */
    private static final Duration[] BUCKETS = {
            Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000),
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofSeconds(1)};

    private static final String LAG = "redflag_event_time_lag_seconds";

    private final MeterRegistry registry;
    private final LongSupplier wallClockMillis;
    private final Timer evaluation;

    RuleEvaluationMetrics(MeterRegistry registry, LongSupplier wallClockMillis) {
        this.registry = registry;
        this.wallClockMillis = wallClockMillis;
        evaluation = Timer.builder("redflag_rule_evaluation")
                .description("Time to judge one KPI value against the rules that match its series")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** One KPI value was judged in {@code nanos} (a {@link System#nanoTime()} difference). */
    public void evaluated(long nanos) {
        evaluation.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The lag gauge of one subtask, replacing a gauge of the same subtask left by an earlier attempt;
     * close it when the subtask closes, or after a rescale to fewer subtasks its frozen watermark
     * would read as an ever-growing lag.
     */
    public synchronized EventTimeLag eventTimeLag(int subtask) {
        String index = Integer.toString(subtask);
        Meter stale = registry.find(LAG).tag("subtask", index).meter();
        if (stale != null) {
            registry.remove(stale);
        }
        EventTimeLag lag = new EventTimeLag(wallClockMillis);
        lag.gauge = Gauge.builder(LAG, lag, EventTimeLag::seconds)
                .description("Wall clock minus the watermark of a rule evaluation subtask")
                .tag("subtask", index)
                .strongReference(true)
                .register(registry);
        return lag;
    }

    private synchronized void remove(EventTimeLag lag) {
        Meter current = registry.find(LAG).tags(lag.gauge.getId().getTags()).meter();
        if (current == lag.gauge) {
            registry.remove(current);
        }
    }

    /**
     * The watermark one subtask last reported; the lag itself is worked out when scraped, so a
     * watermark that stops moving shows as a growing lag even if nobody reports it again.
     */
    public final class EventTimeLag implements AutoCloseable {

        private final LongSupplier clock;
        private volatile long watermark = Long.MIN_VALUE;
        private Gauge gauge;

        private EventTimeLag(LongSupplier clock) {
            this.clock = clock;
        }

        /** The subtask's current watermark, in epoch milliseconds: one volatile write. */
        public void watermark(long millis) {
            watermark = millis;
        }

        /** Seconds the watermark trails the clock; NaN before the first watermark and after the last. */
        double seconds() {
            long w = watermark;
            if (w == Long.MIN_VALUE || w == Long.MAX_VALUE) {
                return Double.NaN;
            }
            return (clock.getAsLong() - w) / 1000.0;
        }

        @Override
        public void close() {
            remove(this);
        }
    }
}
