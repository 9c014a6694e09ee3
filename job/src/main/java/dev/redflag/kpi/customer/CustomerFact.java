package dev.redflag.kpi.customer;

/**
 * A subscription change, an order or ad spend reduced to what the customer ledger needs, keyed by
 * the ledger's dimensions (by default the tenant). {@code customerId} is null for ad spend.
 */
public record CustomerFact(String key, Kind kind, String customerId, long ts, double amount,
                           double margin, boolean newCustomer) {

    public enum Kind {
        SUBSCRIPTION_START, SUBSCRIPTION_END, ORDER, AD_COST
    }
}
