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
    private volatile long liveAtEndOfInput = -1;

    HeapSampler start() {
        return start(false);
    }

    /**
     * @param gcAtEndOfInput also force a full collection once the events source has emitted all
     *                       input, when the state holds every key, and keep the heap left in use:
     *                       the live heap, which a peak full of garbage does not show
     */
    HeapSampler start(boolean gcAtEndOfInput) {
        timer.scheduleAtFixedRate(() -> {
            peak = Math.max(peak, used());
            CapturingReporter.sample();
            if (gcAtEndOfInput && liveAtEndOfInput < 0 && CapturingReporter.inputSeconds() > 0) {
                liveAtEndOfInput = afterGc();
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Heap in use after the full collection at the end of input; -1 when not taken. */
    long liveAtEndOfInput() {
        return liveAtEndOfInput;
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
