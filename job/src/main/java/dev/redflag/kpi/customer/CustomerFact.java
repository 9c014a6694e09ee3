package dev.redflag.kpi.customer;

import dev.redflag.kpi.Example;

/**
 * A subscription change, an order or ad spend reduced to what the customer ledger needs, keyed by
 * the ledger's dimensions (by default the tenant). {@code customerId} is null for ad spend.
 *
 * @param example the example a subscription's end makes for churn_rate (its customer, plan and MRR
 *                as churn's {@code examples} say), null for every other fact and when churn keeps none
 */
public record CustomerFact(String key, Kind kind, String customerId, long ts, double amount,
                           double margin, boolean newCustomer, Example example) {

    /** A fact with no example. */
    public CustomerFact(String key, Kind kind, String customerId, long ts, double amount, double margin,
                        boolean newCustomer) {
        this(key, kind, customerId, ts, amount, margin, newCustomer, null);
    }

    public enum Kind {
        SUBSCRIPTION_START, SUBSCRIPTION_END, ORDER, AD_COST
    }
}
