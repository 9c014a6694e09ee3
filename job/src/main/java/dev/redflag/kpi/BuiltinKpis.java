package dev.redflag.kpi;

import dev.redflag.event.AdSpendEvent;
import dev.redflag.event.EmailEvent;
import dev.redflag.event.EventType;
import dev.redflag.event.NpsEvent;
import dev.redflag.event.OrderEvent;
import dev.redflag.event.SessionEvent;
import dev.redflag.event.SubscriptionEvent;
import dev.redflag.event.WalletEvent;

import java.util.List;

import static dev.redflag.kpi.KpiInput.ONE;
import static dev.redflag.kpi.KpiInput.both;
import static dev.redflag.kpi.KpiInput.denominator;
import static dev.redflag.kpi.KpiInput.numerator;

/**
 * The seed KPI catalog. Windowed KPIs are written as sums of per-event contributions so that one
 * operator computes them all; funnel and customer KPIs name the stateful operator that owns them.
 * Default slices are what the KPI's events carry besides its series' dims, of few values each: a
 * session's channel and device (a dim the demo and most trackers send), an answer's product, an
 * ad's campaign. Not page for conversion: a site's pages are many, and every slice combination is
 * one more record per pane from the combiner to the window operator. CPA is not sliced: its
 * denominator's orders carry no campaign, and channel is its series' own.
 * Default examples where the events carry an ID: bounced sessions, sessions that did not convert,
 * detractors' answers, the MQLs waiting longest (with their owner and age), customers lost (with
 * their plan and MRR); IDs hashed, as each names a person, their visit or their company.
 * The formulas are the ones documented in the KPI catalog of docs/events-and-kpis.md.
 */
public final class BuiltinKpis {

    private BuiltinKpis() {
    }

    /** Every seed KPI with its default dimensions and the given default windows. */
    public static List<KpiSpec> all(List<WindowSpec> windows) {
        return List.of(
                ratio("bounce_rate", "single-page sessions / sessions", "ratio",
                        List.of("tenant", "page"), windows,
                        both(EventType.SESSION, EventPredicate.ALL,
                                e -> ((SessionEvent) e).bounced() ? 1 : 0, ONE))
                        .withSlices(List.of("channel", "device"), KpiSpec.DEFAULT_MAX_SLICES)
                        .withExamples(sessions(e -> ((SessionEvent) e).bounced(), "channel", "device")),
                ratio("conversion_rate", "converted sessions / sessions", "ratio",
                        List.of("tenant", "channel"), windows,
                        both(EventType.SESSION, EventPredicate.ALL,
                                e -> ((SessionEvent) e).converted() ? 1 : 0, ONE))
                        .withSlices(List.of("device"), KpiSpec.DEFAULT_MAX_SLICES)
                        .withExamples(sessions(e -> !((SessionEvent) e).converted(), "page", "device")),
                state("mql_to_sql_rate", "leads reaching SQL / leads reaching MQL in the window",
                        KpiFamily.FUNNEL, Aggregation.RATIO, "ratio", List.of("tenant", "channel"),
                        windows)
                        .withExamples(ExampleSpec.of(EventType.LEAD, 0, "lead_id", EventPredicate.ALL,
                                List.of("owner"), ExampleSpec.DEFAULT_MAX, IdPolicy.HASH, false, true)),
                state("mql_age_p50", "median hours that open MQLs have waited at window end",
                        KpiFamily.FUNNEL, Aggregation.LAST, "hours", List.of("tenant", "channel"),
                        windows),
                new KpiSpec("nps", "promoters% - detractors% (scores 9-10 vs 0-6)",
                        KpiFamily.WINDOWED, Aggregation.RATIO, 100, "points",
                        List.of("tenant", "segment"), windows,
                        List.of(both(EventType.NPS, EventPredicate.ALL, e -> npsPoint((NpsEvent) e),
                                ONE)), List.of("product"), KpiSpec.DEFAULT_MAX_SLICES,
                        ExampleSpec.of(EventType.NPS, 0, "respondent_id", e -> ((NpsEvent) e).detractor(),
                                List.of("score", "product"), ExampleSpec.DEFAULT_MAX, IdPolicy.HASH, false, false)),
                state("churn_rate", "customers lost in the window / customers active at its start",
                        KpiFamily.CUSTOMER, Aggregation.RATIO, "ratio", List.of("tenant"), windows)
                        .withExamples(ExampleSpec.of(EventType.SUBSCRIPTION, 0, "customer_id",
                                e -> ((SubscriptionEvent) e).action().ends(), List.of("plan", "mrr"),
                                ExampleSpec.DEFAULT_MAX, IdPolicy.HASH, false, false)),
                state("retention_rate", "1 - churn_rate", KpiFamily.CUSTOMER, Aggregation.RATIO,
                        "ratio", List.of("tenant"), windows),
                state("arpu", "order revenue / customers active in the window",
                        KpiFamily.CUSTOMER, Aggregation.RATIO, "currency", List.of("tenant"),
                        windows),
                state("clv", "arpu x gross margin / churn_rate", KpiFamily.CUSTOMER,
                        Aggregation.LAST, "currency", List.of("tenant"), windows),
                state("clv_to_cpa", "clv / (ad cost / new customers)", KpiFamily.CUSTOMER,
                        Aggregation.LAST, "ratio", List.of("tenant"), windows),
                ratio("cpa", "ad cost / new customers", "currency", List.of("tenant", "channel"),
                        windows,
                        numerator(EventType.AD_SPEND, EventPredicate.ALL,
                                e -> ((AdSpendEvent) e).cost()),
                        denominator(EventType.ORDER, e -> ((OrderEvent) e).newCustomer(), ONE)),
                ratio("ctr", "clicks / impressions", "ratio", List.of("tenant", "channel"), windows,
                        both(EventType.AD_SPEND, EventPredicate.ALL,
                                e -> ((AdSpendEvent) e).clicks(),
                                e -> ((AdSpendEvent) e).impressions()))
                        .withSlices(List.of("campaign"), KpiSpec.DEFAULT_MAX_SLICES),
                ratio("cpc", "ad cost / clicks", "currency", List.of("tenant", "channel"), windows,
                        both(EventType.AD_SPEND, EventPredicate.ALL,
                                e -> ((AdSpendEvent) e).cost(),
                                e -> ((AdSpendEvent) e).clicks()))
                        .withSlices(List.of("campaign"), KpiSpec.DEFAULT_MAX_SLICES),
                ratio("email_open_rate", "opens / delivered", "ratio",
                        List.of("tenant", "campaign"), windows,
                        emailCount(EmailEvent.Action.OPEN, true),
                        emailCount(EmailEvent.Action.DELIVERED, false)),
                ratio("email_click_rate", "clicks / delivered", "ratio",
                        List.of("tenant", "campaign"), windows,
                        emailCount(EmailEvent.Action.CLICK, true),
                        emailCount(EmailEvent.Action.DELIVERED, false)),
                ratio("ngr_to_bets", "(bets - wins - bonuses) / bets", "ratio", List.of("tenant"),
                        windows,
                        both(EventType.WALLET, BuiltinKpis::isNgrAction,
                                e -> ngrPart((WalletEvent) e), e -> betAmount((WalletEvent) e))),
                ratio("bets_to_deposits", "bets / deposits", "ratio", List.of("tenant"), windows,
                        both(EventType.WALLET, BuiltinKpis::isBetOrDeposit,
                                e -> betAmount((WalletEvent) e),
                                e -> ((WalletEvent) e).action() == WalletEvent.Action.DEPOSIT
                                        ? ((WalletEvent) e).amount() : 0)));
    }

    /** The sessions that show a session KPI's problem, IDs hashed (a session is a person's visit). */
    private static ExampleSpec sessions(EventPredicate when, String... show) {
        return ExampleSpec.of(EventType.SESSION, 0, "session_id", when, List.of(show), ExampleSpec.DEFAULT_MAX,
                IdPolicy.HASH, false, false);
    }

    private static KpiSpec ratio(String name, String description, String unit, List<String> by,
                                 List<WindowSpec> windows, KpiInput... inputs) {
        return new KpiSpec(name, description, KpiFamily.WINDOWED, Aggregation.RATIO, 1, unit, by,
                windows, List.of(inputs));
    }

    private static KpiSpec state(String name, String description, KpiFamily family,
                                 Aggregation aggregation, String unit, List<String> by,
                                 List<WindowSpec> windows) {
        return new KpiSpec(name, description, family, aggregation, 1, unit, by, windows, List.of());
    }

    private static KpiInput emailCount(EmailEvent.Action action, boolean toNumerator) {
        EventPredicate when = e -> ((EmailEvent) e).action() == action;
        return toNumerator ? numerator(EventType.EMAIL, when, ONE)
                : denominator(EventType.EMAIL, when, ONE);
    }

    private static double npsPoint(NpsEvent e) {
        if (e.promoter()) {
            return 1;
        }
        return e.detractor() ? -1 : 0;
    }

    private static boolean isNgrAction(dev.redflag.event.Event e) {
        WalletEvent.Action a = ((WalletEvent) e).action();
        return a == WalletEvent.Action.BET || a == WalletEvent.Action.WIN
                || a == WalletEvent.Action.BONUS;
    }

    private static boolean isBetOrDeposit(dev.redflag.event.Event e) {
        WalletEvent.Action a = ((WalletEvent) e).action();
        return a == WalletEvent.Action.BET || a == WalletEvent.Action.DEPOSIT;
    }

    private static double ngrPart(WalletEvent e) {
        return e.action() == WalletEvent.Action.BET ? e.amount() : -e.amount();
    }

    private static double betAmount(WalletEvent e) {
        return e.action() == WalletEvent.Action.BET ? e.amount() : 0;
    }
}
