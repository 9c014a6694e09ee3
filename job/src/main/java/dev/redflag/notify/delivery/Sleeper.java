package dev.redflag.notify.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Waiting between delivery attempts without holding a thread, and behind an interface so that
 * tests can check the exact waits (1 s, 2 s, a {@code Retry-After} of 7 s) without spending them.
 */
@FunctionalInterface
public interface Sleeper {

    /** A stage that completes once {@code delay} has passed; it must not block the caller. */
    CompletionStage<Void> sleep(Duration delay);

    /** Real time: completes on {@code executor} after the delay. */
    static Sleeper on(Executor executor) {
        return delay -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor));
    }

    /** Real time, on the common pool; what continues after the wait only starts the next request. */
    static Sleeper system() {
        return delay -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
    }
}
