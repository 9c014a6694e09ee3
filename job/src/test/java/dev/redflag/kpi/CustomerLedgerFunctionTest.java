package dev.redflag.kpi;

import dev.redflag.event.Event;
import dev.redflag.event.OrderEvent;
import dev.redflag.event.SubscriptionEvent;
import dev.redflag.kpi.customer.CustomerFact;
import dev.redflag.kpi.customer.CustomerFacts;
import dev.redflag.kpi.customer.CustomerLedgerFunction;
import dev.redflag.kpi.customer.LedgerWindow;
import dev.redflag.testing.OlderPojoState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.redflag.event.SubscriptionEvent.Action.CANCEL;
import static dev.redflag.event.SubscriptionEvent.Action.EXPIRE;
import static dev.redflag.event.SubscriptionEvent.Action.RENEW;
import static dev.redflag.event.SubscriptionEvent.Action.START;
import static dev.redflag.kpi.Events.T;
import static dev.redflag.kpi.Events.adSpend;
import static dev.redflag.kpi.Events.at;
import static dev.redflag.kpi.Events.order;
import static dev.redflag.kpi.Events.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class CustomerLedgerFunctionTest {

    private static final WindowSpec DAY = WindowSpec.tumbling(Duration.ofDays(1));
    private static final Set<String> ALL = Set.of("churn_rate", "retention_rate", "arpu", "clv", "clv_to_cpa");
    private final CustomerFacts facts = new CustomerFacts(List.of("tenant"));

    private KeyedRun<CustomerFact> ledger() throws Exception {
        return new KeyedRun<>(new CustomerLedgerFunction(List.of(DAY), List.of("tenant"), ALL,
                Duration.ofDays(400).toMillis()), CustomerFact::key, CustomerFact::ts);
    }

    private List<CustomerFact> facts(List<? extends Event> events) {
        return events.stream().map(facts::of).toList();
    }

    private static KpiValue only(List<KpiValue> values, String kpi, long start) {
        List<KpiValue> m = values.stream().filter(v -> v.kpi().equals(kpi) && v.windowStart() == start).toList();
        assertThat(m).as(kpi).hasSize(1);
        return m.get(0);
    }

    @Test
    void fourHundredActiveTwentyCancelIsFivePercentChurn() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(subscription("2026-11-01T08:00:00Z", "c" + i, START));
        }
        for (int i = 0; i < 10; i++) {
            events.add(subscription("2026-11-02T09:00:00Z", "c" + i, CANCEL));
            events.add(subscription("2026-11-02T10:00:00Z", "c" + (10 + i), EXPIRE));
        }
        events.add(subscription("2026-11-02T11:00:00Z", "c0", CANCEL)); // already gone: no effect
        events.add(subscription("2026-11-02T12:00:00Z", "c100", RENEW)); // still active: no effect
        // a customer who starts and cancels inside the period was not active at its start
        events.add(subscription("2026-11-02T13:00:00Z", "n1", START));
        events.add(subscription("2026-11-02T14:00:00Z", "n1", CANCEL));
        try (KeyedRun<CustomerFact> run = ledger()) {
            run.send(facts(events)).watermark(at("2026-11-02T23:59:59.999Z"));
            List<KpiValue> out = run.drain();
            long day2 = at("2026-11-02T00:00:00Z");
            KpiValue churn = only(out, "churn_rate", day2);
            // each of the 400 active at the start adds b = 1, and a = 1 if lost: moments (20, 20, 400)
            assertThat(churn).isEqualTo(new KpiValue("churn_rate", "1d", Map.of("tenant", T), day2,
                    at("2026-11-03T00:00:00Z"), 0.05, 20, 400, 400, 20, 20, 400));
            // retention counts the 380 retained instead
            assertThat(only(out, "retention_rate", day2)).extracting(KpiValue::value, KpiValue::numerator,
                    KpiValue::numeratorSquares, KpiValue::crossProducts, KpiValue::denominatorSquares)
                    .containsExactly(0.95, 380.0, 380.0, 380.0, 400.0);
            // day 1: nobody active at its start, so no churn defined
            assertThat(out.stream().filter(v -> v.kpi().equals("churn_rate"))).hasSize(1);
        }
    }

    @Test
    void arpuClvAndClvToCpaFromOrdersChurnAndAdSpend() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(subscription("2026-11-01T08:00:00Z", "c" + i, START));
        }
        for (int i = 0; i < 5; i++) {
            events.add(subscription("2026-11-02T09:00:00Z", "c" + i, CANCEL)); // churn 5%
        }
        // 10 orders of 60 (margin 15) by subscribed customers, c10 orders twice
        for (int i = 10; i < 19; i++) {
            events.add(order("2026-11-02T12:00:00Z", "c" + i, 60, 15, "ads", false));
        }
        events.add(order("2026-11-02T13:00:00Z", "c10", 60, 15, "ads", false));
        // 2 new customers without a subscription: active in the window through their order
        events.add(order("2026-11-02T14:00:00Z", "n1", 100, 40, "ads", true));
        events.add(order("2026-11-02T15:00:00Z", "n2", 100, 40, "ads", true));
        events.add(adSpend("2026-11-02T06:00:00Z", "ads", 90, 1000, 10));
        try (KeyedRun<CustomerFact> run = ledger()) {
            run.send(facts(events)).watermark(at("2026-11-02T23:59:59.999Z"));
            List<KpiValue> out = run.drain();
            long day2 = at("2026-11-02T00:00:00Z");
            // revenue 600 + 200 = 800 over 100 active at start + 2 new = 102 customers
            KpiValue arpu = only(out, "arpu", day2);
            assertThat(arpu.value()).isCloseTo(800.0 / 102, within(1e-12));
            assertThat(arpu.numerator()).isEqualTo(800);
            assertThat(arpu.denominator()).isEqualTo(102);
            // sum a^2 over orders = 10 x 60^2 + 2 x 100^2, sum ab = revenue, sum b^2 = active customers
            assertThat(arpu).extracting(KpiValue::numeratorSquares, KpiValue::crossProducts,
                    KpiValue::denominatorSquares).containsExactly(56_000.0, 800.0, 102.0);
            // clv = arpu x margin% / churn = (800/102) x (230/800) / 0.05 = 230/102/0.05
            double clv = 230.0 / 102 / 0.05;
            KpiValue clvValue = only(out, "clv", day2);
            assertThat(clvValue.value()).isCloseTo(clv, within(1e-9));
            assertThat(clvValue.numeratorSquares()).isNaN();
            assertThat(clvValue.denominatorSquares()).isNaN();
            // blended cpa = 90 / 2 new customers = 45
            KpiValue clvToCpa = only(out, "clv_to_cpa", day2);
            assertThat(clvToCpa.value()).isCloseTo(clv / 45, within(1e-9));
            assertThat(clvToCpa.crossProducts()).isNaN();
        }
    }

    @Test
    void aLedgerWindowSavedBeforeOrderSquaresLeavesArpuMomentsUnknown() throws Exception {
        LedgerWindow saved = new LedgerWindow();
        saved.activeAtStart = 3;
        saved.activeInWindow = 4;
        saved.revenue = 50;
        saved.orders = 1;
        LedgerWindow restored = OlderPojoState.restore(LedgerWindow.class, saved, "activeAtStart", "lost",
                "activeInWindow", "revenue", "margin", "orders", "newCustomers", "adCost");
        assertThat(restored.revenue).isEqualTo(50);
        // the squares of the orders before the restore are lost: unknown, not 0, and stay so
        assertThat(restored.orderAmountSquares).isNaN();
        // so are the customers it lost: no examples until its next loss
        assertThat(restored.churned).isNull();
    }

    @Test
    void aQuietTenantWithActiveCustomersStillReportsZeroChurn() throws Exception {
        try (KeyedRun<CustomerFact> run = ledger()) {
            run.send(facts(List.of(subscription("2026-11-01T08:00:00Z", "c1", START))));
            run.watermark(at("2026-11-03T23:59:59.999Z"));
            assertThat(run.drain().stream().filter(v -> v.kpi().equals("churn_rate")))
                    .extracting(KpiValue::windowStart, KpiValue::value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(at("2026-11-02T00:00:00Z"), 0.0),
                            org.assertj.core.groups.Tuple.tuple(at("2026-11-03T00:00:00Z"), 0.0));
        }
    }

    @Test
    void endOfInputTicksATenantWithActiveCustomersOnlyToTheEndOfTheData() throws Exception {
        List<Event> events = List.of(
                subscription("2026-11-01T08:00:00Z", "c1", START),
                // another tenant's order is the latest fact: the data ends in the day of Nov 3
                new OrderEvent(at("2026-11-03T12:00:00Z"), "globex", Map.of(), "o-g1", "g1", 50, 10,
                        "ads", false));
        try (KeyedRun<CustomerFact> run = ledger()) {
            run.send(facts(events)).watermark(Long.MAX_VALUE);
            List<KpiValue> out = run.drain();
            assertThat(out.stream().filter(v -> v.dims().get("tenant").equals(T)))
                    .extracting(KpiValue::kpi, KpiValue::windowEnd, KpiValue::value)
                    .containsExactly(
                            // Nov 1: c1 active in the window through its start, no revenue
                            tuple("arpu", at("2026-11-02T00:00:00Z"), 0.0),
                            tuple("churn_rate", at("2026-11-03T00:00:00Z"), 0.0),
                            tuple("retention_rate", at("2026-11-03T00:00:00Z"), 1.0),
                            tuple("arpu", at("2026-11-03T00:00:00Z"), 0.0),
                            tuple("churn_rate", at("2026-11-04T00:00:00Z"), 0.0),
                            tuple("retention_rate", at("2026-11-04T00:00:00Z"), 1.0),
                            tuple("arpu", at("2026-11-04T00:00:00Z"), 0.0));
            assertThat(out.stream().filter(v -> v.dims().get("tenant").equals("globex")))
                    .extracting(KpiValue::kpi, KpiValue::windowEnd, KpiValue::value)
                    .containsExactly(tuple("arpu", at("2026-11-04T00:00:00Z"), 50.0));
            assertThat(run.harness().numEventTimeTimers()).isZero();
        }
    }
    private static SubscriptionEvent change(String ts, String customer, SubscriptionEvent.Action action, String plan,
                                            double mrr) {
        return new SubscriptionEvent(at(ts), T, Map.of(), customer, action, plan, mrr);
    }

    /** The churn_rate of Nov 2 with churn's examples set to {@code examples}. */
    private static KpiValue churnOfNov2(String examples) throws Exception {
        KpiCatalog catalog = KpiDefinitions.parse("""
                seed:
                  churn_rate:
                    examples: %s
                """.formatted(examples), "kpis.yaml", List.of(DAY));
        ExampleSpec spec = catalog.spec("churn_rate").examples();
        CustomerFacts withExamples = new CustomerFacts(List.of("tenant"), spec);
        // c1..c4 are active when Nov 2 starts; c1, c3 and c2 leave on Nov 2; n1 starts and cancels on
        // Nov 2, so it was not active at the start and is no churn; c4 renews
        List<Event> events = List.of(
                change("2026-11-01T08:00:00Z", "c1", START, "basic", 20),
                change("2026-11-01T08:00:00Z", "c2", START, "pro", 50),
                change("2026-11-01T08:00:00Z", "c3", START, "team", 120),
                change("2026-11-01T08:00:00Z", "c4", START, "pro", 50),
                change("2026-11-02T11:00:00Z", "c2", CANCEL, "pro", 50),
                change("2026-11-02T09:00:00Z", "c1", CANCEL, "basic", 20),
                change("2026-11-02T10:00:00Z", "c3", EXPIRE, "team", 120),
                change("2026-11-02T12:00:00Z", "n1", START, "basic", 20),
                change("2026-11-02T13:00:00Z", "n1", CANCEL, "basic", 20),
                change("2026-11-02T14:00:00Z", "c4", RENEW, "pro", 50));
        try (KeyedRun<CustomerFact> run = new KeyedRun<>(new CustomerLedgerFunction(List.of(DAY), List.of("tenant"),
                ALL, Duration.ofDays(400).toMillis(), spec.max()), CustomerFact::key, CustomerFact::ts)) {
            run.send(events.stream().map(withExamples::of).toList()).watermark(at("2026-11-02T23:59:59.999Z"));
            List<KpiValue> out = run.drain();
            assertThat(only(out, "retention_rate", at("2026-11-02T00:00:00Z")).examples()).isEqualTo(Examples.NONE);
            return only(out, "churn_rate", at("2026-11-02T00:00:00Z"));
        }
    }

    private static Example lost(String ts, String customer, String plan, double mrr) {
        return new Example(at(ts), customer, List.of(ExampleField.text("plan", plan), ExampleField.number("mrr", mrr)));
    }

    @Test
    void churnCarriesTheLatestCustomersLostWithTheirPlanAndMrr() throws Exception {
        KpiValue churn = churnOfNov2("{ids: plain, max: 2}");
        assertThat(churn.value()).isEqualTo(0.75);
        // the two latest of the three lost, newest first; n1 was never active at the start
        assertThat(churn.examples().series()).containsExactly(
                lost("2026-11-02T11:00:00Z", "c2", "pro", 50),
                lost("2026-11-02T10:00:00Z", "c3", "team", 120));

        // when narrows them to cancellations (c3 expired); omit keeps no ID
        assertThat(churnOfNov2("{ids: omit, when: {action: cancel}}").examples().series()).containsExactly(
                new Example(at("2026-11-02T11:00:00Z"), null, lost("2026-11-02T11:00:00Z", "c2", "pro", 50).fields()),
                new Example(at("2026-11-02T09:00:00Z"), null, lost("2026-11-02T09:00:00Z", "c1", "basic", 20).fields()));

        assertThat(churnOfNov2("false").examples()).isEqualTo(Examples.NONE);
    }

    @Test
    void aFactWaitingForTheWatermarkSavedBeforeExamplesComesBackWithoutOne() throws Exception {
        CustomerFact fact = new CustomerFact("acme", CustomerFact.Kind.SUBSCRIPTION_END, "c1", 7, 20, 0, false,
                lost("2026-11-02T09:00:00Z", "c1", "basic", 20));
        assertThat(OlderPojoState.restore(CustomerFact.class, fact, "key", "kind", "customerId", "ts", "amount",
                "margin", "newCustomer")).isEqualTo(new CustomerFact("acme", CustomerFact.Kind.SUBSCRIPTION_END, "c1",
                7, 20, 0, false));
    }

    /**
     * The documented cost of churn's examples: one with a 2-character ID, plan=team and mrr=120 is
     * 8 (time) + 1 + 3 (ID) + 4 (count) + 5 + 1 + 5 (plan) + 4 + 1 + 8 (mrr) = 40 bytes.
     */
    @Test
    void aLostCustomersExampleIs40Bytes() throws Exception {
        org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(64);
        org.apache.flink.api.common.typeinfo.TypeInformation.of(Example.class)
                .createSerializer(new org.apache.flink.api.common.ExecutionConfig().getSerializerConfig())
                .serialize(lost("2026-11-02T10:00:00Z", "c3", "team", 120), out);
        assertThat(out.length()).isEqualTo(40);
    }
}
