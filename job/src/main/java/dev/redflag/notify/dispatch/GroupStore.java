package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;

import java.util.Collection;
import java.util.Map;

/**
 * Where the dispatcher keeps its groups and the set of firing alerts: Flink state in the job, a
 * map in tests and tools. The dispatcher's logic is the same over both.
 */
public interface GroupStore {

    AlertGroup group(String key);

    void put(AlertGroup group);

    void remove(String key);

    /** Every group; the dispatcher may put and remove while it iterates a copy. */
    Collection<AlertGroup> groups();

    /** Records the alert as firing (inhibition sources) or, for a resolution, as no longer firing. */
    void track(AlertEvent alert);

    /** The alerts firing now, routed or not: what inhibit rules look at. */
    Collection<AlertEvent> firing();

    /** Records that the firing period of {@code fingerprint} that started at {@code startsAt} was acknowledged. */
    void acknowledge(String fingerprint, long startsAt);

    /** Forgets the acknowledgement of {@code fingerprint}'s period, when it resolves. */
    void forgetAcknowledgement(String fingerprint);

    /** Fingerprint to the start of its acknowledged firing period. */
    Map<String, Long> acknowledged();
}
