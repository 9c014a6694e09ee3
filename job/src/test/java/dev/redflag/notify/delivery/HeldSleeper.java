package dev.redflag.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A clock and the waits on it, for tests of retries that span minutes: a wait completes only when
 * the test lets go, and the clock then jumps to the end of the longest wait let go.
 */
public final class HeldSleeper implements Sleeper, InstantSource {

    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private long now;
    private long until;

    public HeldSleeper(long startMillis) {
        this.now = startMillis;
        this.until = startMillis;
    }

    @Override
    public synchronized CompletionStage<Void> sleep(Duration delay) {
        CompletableFuture<Void> wait = new CompletableFuture<>();
        held.add(wait);
        delays.add(delay);
        until = Math.max(until, now + delay.toMillis());
        return wait;
    }

    @Override
    public synchronized Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    /** Waits not yet let go. */
    public synchronized int waiting() {
        return (int) held.stream().filter(f -> !f.isDone()).count();
    }

    /** Every wait asked for, in order. */
    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }

    /** Lets every wait so far complete, the clock at the end of the longest. */
    public void letGo() {
        List<CompletableFuture<Void>> release;
        synchronized (this) {
            release = List.copyOf(held);
            held.clear();
            now = until;
        }
        release.forEach(f -> f.complete(null));
    }
}
