package dev.redflag.notify.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Waits that tests check rather than spend: records each requested delay and returns at once. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized CompletionStage<Void> sleep(Duration delay) {
        delays.add(delay);
        return CompletableFuture.completedFuture(null);
    }

    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
