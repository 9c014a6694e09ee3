package dev.redflag.kpi;

import dev.redflag.event.AdSpendEvent;
import dev.redflag.event.EmailEvent;
import dev.redflag.event.LeadEvent;
import dev.redflag.event.MetricEvent;
import dev.redflag.event.NpsEvent;
import dev.redflag.event.OrderEvent;
import dev.redflag.event.SessionEvent;
import dev.redflag.event.SubscriptionEvent;
import dev.redflag.event.WalletEvent;

import java.time.Instant;
import java.util.Map;

/** Terse event builders for hand-computed KPI examples; times are ISO strings for readability. */
public final class Events {

    public static final String T = "acme";

    private Events() {
    }

    public static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static SessionEvent session(String ts, String page, String channel, int pageviews, boolean converted) {
        return new SessionEvent(at(ts), T, Map.of(), "s-" + ts + page, page, channel, pageviews, 30,
                converted, 0);
    }

    static NpsEvent nps(String ts, int score) {
        return new NpsEvent(at(ts), T, Map.of(), "r-" + ts + score, score, "smb", "app");
    }

    static LeadEvent lead(String ts, String id, LeadEvent.LeadStage stage, String channel) {
        return new LeadEvent(at(ts), T, Map.of(), id, stage, channel, "ana");
    }

    static SubscriptionEvent subscription(String ts, String customer, SubscriptionEvent.Action action) {
        return new SubscriptionEvent(at(ts), T, Map.of(), customer, action, "pro", 10);
    }

    static OrderEvent order(String ts, String customer, double amount, double margin, String channel,
                            boolean newCustomer) {
        return new OrderEvent(at(ts), T, Map.of(), "o-" + ts + customer, customer, amount, margin,
                channel, newCustomer);
    }

    static AdSpendEvent adSpend(String ts, String channel, double cost, long impressions, long clicks) {
        return new AdSpendEvent(at(ts), T, Map.of(), channel, "spring", cost, impressions, clicks);
    }

    static EmailEvent email(String ts, EmailEvent.Action action) {
        return new EmailEvent(at(ts), T, Map.of(), "newsletter", action);
    }

    static WalletEvent wallet(String ts, WalletEvent.Action action, double amount) {
        return new WalletEvent(at(ts), T, Map.of(), "p1", action, amount);
    }

    static MetricEvent metric(String ts, String name, double value, Map<String, String> dims) {
        return new MetricEvent(at(ts), T, dims, name, value);
    }
}
