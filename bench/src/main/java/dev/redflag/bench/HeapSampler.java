package dev.redflag.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples heap use (and the checkpoint gauges) every 200 ms while a run goes on, the peak being what it
 * reports, and the events source's progress every 2 ms.
 */
final class HeapSampler implements AutoCloseable {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** How often the events source's progress is read, for the seconds reading input. */
    static final long INPUT_PERIOD_MS = 2;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile long peak;

    HeapSampler start() {
        timer.scheduleAtFixedRate(() -> {
            peak = Math.max(peak, used());
            CapturingReporter.sample();
        }, 0, 200, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(CapturingReporter::sampleInput, 0, INPUT_PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    long peak() {
        return peak;
    }

    static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Heap in use after a full collection. */
    static long afterGc() {
        System.gc();
        System.gc();
        return used();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
