package dev.redflag.kpi.customer;

/**
 * What the ledger remembers of one customer: its current subscription spell and the last one that
 * ended, enough to tell whether it was active at any window start still open.
 */
public class CustomerState {
    /** start of the current active spell, or -1 when inactive. */
    public long activeSince = -1;
    /** end of the latest ended spell, or -1. */
    public long lastEnd = -1;
    /** start of the latest ended spell, or -1. */
    public long lastEndSpellStart = -1;
    /** event time at which the customer was last counted as newly active, or -1. */
    public long lastCounted = -1;
    /** event time of the customer's latest fact, for expiry. */
    public long lastSeen;

    public CustomerState() {
    }

    public boolean isActive() {
        return activeSince >= 0;
    }

    /** Whether the customer had an active subscription at instant {@code t} (a spell started before t). */
    public boolean wasActiveAt(long t) {
        return (activeSince >= 0 && activeSince < t) || (lastEnd >= t && lastEndSpellStart < t);
    }
}
