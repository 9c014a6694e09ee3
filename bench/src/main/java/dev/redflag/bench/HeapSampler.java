package dev.redflag.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples heap use (and the checkpoint gauges) while a run goes on; the peak is what it reports. */
final class HeapSampler implements AutoCloseable {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

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
