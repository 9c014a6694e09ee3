package dev.redflag.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads the status of the job from the meters its operators keep in this JVM's registry (events
 * in, KPI values, firing alerts), the same numbers the Prometheus endpoint serves, and turns the
 * events counter into a rate over the last few seconds (the job reads Kafka in bursts, so a rate
 * between two reads a second apart jumps about). Read from one thread.
 */
final class JobCounters {

    private static final long RATE_SPAN_NANOS = 5_000_000_000L;

    private record Read(long nanos, long events) {
    }

    private final MeterRegistry registry;
    private final Supplier<Instant> simulatedNow;
    private final LongSupplier nanoTime;
    /** The reads within the rate's span, oldest first, and always at least one. */
    private final ArrayDeque<Read> reads = new ArrayDeque<>();

    /** @param simulatedNow the demo's simulated clock; a supplier of null when time is real */
    JobCounters(MeterRegistry registry, Supplier<Instant> simulatedNow) {
        this(registry, simulatedNow, System::nanoTime);
    }

    JobCounters(MeterRegistry registry, Supplier<Instant> simulatedNow, LongSupplier nanoTime) {
        this.registry = registry;
        this.simulatedNow = simulatedNow;
        this.nanoTime = nanoTime;
        reads.add(new Read(nanoTime.getAsLong(), sum("redflag_events_in")));
    }

    JobStatus read() {
        Read now = new Read(nanoTime.getAsLong(), sum("redflag_events_in"));
        while (reads.size() > 1 && now.nanos() - reads.peekFirst().nanos() > RATE_SPAN_NANOS) {
            reads.removeFirst();
        }
        Read oldest = reads.peekFirst();
        reads.addLast(now);
        double seconds = (now.nanos() - oldest.nanos()) / 1e9;
        double rate = seconds > 0 ? (now.events() - oldest.events()) / seconds : 0;
        long firing = Math.round(registry.find("redflag_alerts").tag("alertstate", "firing").gauges().stream()
                .mapToDouble(Gauge::value).sum());
        return new JobStatus(simulatedNow.get(), rate, sum("redflag_kpi_values"), firing);
    }

    private long sum(String counter) {
        return Math.round(registry.find(counter).counters().stream().mapToDouble(Counter::count).sum());
    }
}
