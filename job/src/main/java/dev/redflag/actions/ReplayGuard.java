package dev.redflag.actions;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures of the requests taken within the last {@link SlackSignature#MAX_AGE}: a request
 * whose signature is here is a copy of one already acted on. Older requests are refused by their
 * timestamp, so entries past the window are dropped; at most {@code capacity} are kept, the oldest
 * going first, which bounds memory under a flood at the price of forgetting a signature early.
 */
final class ReplayGuard {

    private final int capacity;
    private final Duration window;
    /** Signature to the request's timestamp, in the order they were first seen. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    ReplayGuard(int capacity, Duration window) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.window = window;
    }

    /** Records the signature; false when it was recorded before, i.e. the request is a replay. */
    synchronized boolean firstTime(String signature, Instant requestTime, Instant now) {
        Instant horizon = now.minus(window).minus(window); // a request may be stamped up to a window ahead
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isBefore(horizon)) {
                it.remove();
            }
        }
        if (seen.containsKey(signature)) {
            return false;
        }
        if (seen.size() >= capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(signature, requestTime);
        return true;
    }

    synchronized int size() {
        return seen.size();
    }
}
