package dev.redflag.kpi.funnel;

/** What the funnel remembers of one lead: when it became an MQL and whether it has left the MQL pool. */
public class LeadState {
    /** event time the lead reached MQL, or -1. */
    public long mqlTs = -1;
    /** reached SQL or beyond, or was lost: no longer waiting. */
    public boolean closed;
    /** event time of the lead's latest fact, for expiry. */
    public long lastSeen;

    public LeadState() {
    }

    public boolean isOpenMql() {
        return mqlTs >= 0 && !closed;
    }
}
