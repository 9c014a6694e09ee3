package dev.redflag.kpi.funnel;

/** Leads that reached MQL and SQL within one window. */
public class FunnelCounts {
    public long mql;
    public long sql;

    public FunnelCounts() {
    }
}
