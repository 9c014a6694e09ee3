package dev.redflag.kpi.funnel;

import dev.redflag.kpi.Example;

/**
 * What the funnel remembers of one lead: when it became an MQL, whether it has left the MQL pool,
 * and while it waits, what mql_to_sql_rate's examples show of it.
 */
public class LeadState {
    /** event time the lead reached MQL, or -1. */
    public long mqlTs = -1;
    /** reached SQL or beyond, or was lost: no longer waiting. */
    public boolean closed;
    /** event time of the lead's latest fact, for expiry. */
    public long lastSeen;
    /**
     * While the lead waits as MQL, its example's fields (no ID: the lead's key is its ID); null
     * otherwise, and for a lead saved before examples existed, which is shown with its ID only.
     */
    public Example example;
    /** Whether the lead's MQL is not an example: its {@code when} did not match, or the KPI keeps none. */
    public boolean noExample;

    public LeadState() {
    }

    public boolean isOpenMql() {
        return mqlTs >= 0 && !closed;
    }

    /** Whether the lead waits as MQL and may be shown among those waiting longest. */
    public boolean isWaitingExample() {
        return isOpenMql() && !noExample;
    }
}
