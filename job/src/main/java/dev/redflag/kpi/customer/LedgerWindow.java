package dev.redflag.kpi.customer;

import dev.redflag.kpi.Example;
import dev.redflag.kpi.ExampleTable;
import dev.redflag.kpi.SliceKey;

import java.util.List;

/** The sums of one customer-KPI window, and the latest customers it lost as churn_rate's examples. */
public class LedgerWindow {
    /** customers with an active subscription at the window start. */
    public long activeAtStart;
    /** of those, customers whose subscription ended within the window. */
    public long lost;
    /** activeAtStart plus customers who started a subscription or ordered within the window. */
    public long activeInWindow;
    public double revenue;
    /**
     * Σ amount² over the window's orders, arpu's Σa² (each order standing for its customer's
     * revenue). NaN in a window restored from before it existed: its orders so far are unknown.
     */
    public double orderAmountSquares = Double.NaN;
    public double margin;
    public long orders;
    public long newCustomers;
    public double adCost;
    /**
     * The latest of the customers counted in {@link #lost}, as churn_rate's examples say (at most its
     * {@code max}); null while there are none, and in a window restored from before it existed.
     */
    public ExampleTable churned;

    public LedgerWindow() {
    }

    /** Keeps {@code example} of a lost customer among the latest {@code max}. */
    void addChurned(int max, Example example) {
        if (churned == null) {
            churned = ExampleTable.of(max, List.of());
        }
        churned.add(SliceKey.NONE, List.of(example));
    }

    static LedgerWindow startingWith(long active) {
        LedgerWindow w = new LedgerWindow();
        w.activeAtStart = active;
        w.activeInWindow = active;
        w.orderAmountSquares = 0;
        return w;
    }
}
