package dev.redflag.kpi;

/** Which operator computes a KPI. */
public enum KpiFamily {
    /** Sums of per-event contributions over event-time windows; stateless per event. */
    WINDOWED,
    /** Lead funnel: per-lead state keyed by the funnel's dimensions. */
    FUNNEL,
    /** Customer ledger: per-customer subscription and order state keyed by tenant. */
    CUSTOMER
}
