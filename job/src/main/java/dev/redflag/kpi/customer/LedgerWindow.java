package dev.redflag.kpi.customer;

/** The sums of one customer-KPI window. */
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

    public LedgerWindow() {
    }

    static LedgerWindow startingWith(long active) {
        LedgerWindow w = new LedgerWindow();
        w.activeAtStart = active;
        w.activeInWindow = active;
        w.orderAmountSquares = 0;
        return w;
    }
}
