package dev.redflag.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition instead of sleeping a fixed time; fails with what was last seen. */
public final class Await {

    private Await() {
    }

    /** Polls {@code probe} until {@code done} holds for its result or the timeout passes. */
    public static <T> T until(Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; last seen: " + last);
            }
            Thread.sleep(50);
            last = probe.get();
        }
        return last;
    }
}
