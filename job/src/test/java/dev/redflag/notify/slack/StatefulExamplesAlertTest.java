package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import dev.redflag.alert.AlertExample;
import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.ExampleIds;
import dev.redflag.alert.SeriesInMemory;
import dev.redflag.alert.SeriesStep;
import dev.redflag.event.Event;
import dev.redflag.event.LeadEvent;
import dev.redflag.event.SubscriptionEvent;
import dev.redflag.kpi.Example;
import dev.redflag.kpi.ExampleField;
import dev.redflag.kpi.ExampleSpec;
import dev.redflag.kpi.Examples;
import dev.redflag.kpi.KeyedRun;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.kpi.customer.CustomerFact;
import dev.redflag.kpi.customer.CustomerFacts;
import dev.redflag.kpi.customer.CustomerLedgerFunction;
import dev.redflag.kpi.funnel.LeadFact;
import dev.redflag.kpi.funnel.LeadFacts;
import dev.redflag.kpi.funnel.LeadFunnelFunction;
import dev.redflag.rules.RuleLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.redflag.kpi.Events.T;
import static dev.redflag.kpi.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the stateful KPIs from their operators to the alert: the seed defaults (IDs
 * hashed under the key, the HMAC tokens of {@code AlertExamplesTest}'s key), the MQLs waiting
 * longest with their age at the firing, the customers lost with plan and MRR, in the alerts-topic
 * JSON and the Slack message (golden payloads).
 */
class StatefulExamplesAlertTest {

    private static final WindowSpec HOUR = WindowSpec.tumbling(Duration.ofHours(1));
    private static final WindowSpec DAY = WindowSpec.tumbling(Duration.ofDays(1));
    /** Tokens are HMAC-SHA256 under it: {@code echo -n L1 | openssl dgst -sha256 -hmac test-key} → 1b1cc6ad8782… */
    private static final ExampleIds KEY = ExampleIds.ofKey("test-key");

    private static final String CHURN_HIGH = """
            groups:
              - name: revenue
                rules:
                  - alert: ChurnHigh
                    kpi: churn_rate
                    when: {above: 0.2}
                    severity: critical
            """;

    private static List<AlertEvent> judge(KpiCatalog catalog, String rule, List<KpiValue> values, ExampleIds ids)
            throws Exception {
        ActiveRules active = new ActiveRules(RuleLoader.parse(rule, "rules.yaml", catalog), catalog);
        SeriesStep step = new SeriesStep(AlertLifecycle.DEFAULT, ids);
        SeriesInMemory series = new SeriesInMemory();
        List<AlertEvent> events = new ArrayList<>();
        for (KpiValue v : values) {
            events.addAll(step.value(active, series, v));
        }
        return events;
    }

    /**
     * L1 (ana) became MQL at 10:00 and L2 (bo) at 10:10, L3 (cy) at 10:20; L3 reached SQL at 10:45: a
     * rate of 1/3 at 11:00, with L1 waiting 1 h and L2 50 min.
     */
    @Test
    void aFunnelFiringShowsTheMqlsWaitingLongestWithTheirAge() throws Exception {
        KpiCatalog catalog = KpiCatalog.builtins(List.of(HOUR));
        LeadFacts facts = new LeadFacts(List.of("tenant", "channel"), catalog.spec("mql_to_sql_rate").examples());
        List<LeadEvent> leads = List.of(
                new LeadEvent(at("2026-11-24T10:00:00Z"), T, Map.of(), "L1", LeadEvent.LeadStage.MQL, "ads", "ana"),
                new LeadEvent(at("2026-11-24T10:10:00Z"), T, Map.of(), "L2", LeadEvent.LeadStage.MQL, "ads", "bo"),
                new LeadEvent(at("2026-11-24T10:20:00Z"), T, Map.of(), "L3", LeadEvent.LeadStage.MQL, "ads", "cy"),
                new LeadEvent(at("2026-11-24T10:45:00Z"), T, Map.of(), "L3", LeadEvent.LeadStage.SQL, "ads", "cy"));
        List<KpiValue> out;
        try (KeyedRun<LeadFact> run = new KeyedRun<>(new LeadFunnelFunction(catalog.spec("mql_to_sql_rate"),
                catalog.spec("mql_age_p50"), Duration.ofDays(30).toMillis()), LeadFact::key, LeadFact::ts)) {
            out = run.send(leads.stream().map(facts::of).toList()).watermark(at("2026-11-24T10:59:59.999Z")).drain();
        }
        List<AlertEvent> fired = judge(catalog, """
                groups:
                  - name: funnel
                    rules:
                      - alert: MqlsNotConverting
                        kpi: mql_to_sql_rate
                        when: {below: 0.5}
                        severity: warning
                """, out.stream().filter(v -> v.kpi().equals("mql_to_sql_rate")).toList(), KEY);
        assertThat(fired).hasSize(1);
        AlertEvent alert = fired.get(0);
        // the tokens of L1 and L2 under test-key; ages at the firing (11:00): 1 h and 50 min
        assertThat(alert.examples()).containsExactly(
                new AlertExample("1b1cc6ad8782", List.of(ExampleField.text("owner", "ana")),
                        at("2026-11-24T10:00:00Z"), 3_600_000),
                new AlertExample("ac4733481813", List.of(ExampleField.text("owner", "bo")),
                        at("2026-11-24T10:10:00Z"), 3_000_000));
        assertThat(alert.annotations().get(AlertEvent.EXAMPLES)).isEqualTo("1b1cc6ad8782 · age 1h, owner=ana\n"
                + "ac4733481813 · age 50 min, owner=bo");
        assertThat(new AlertEventJson().write(alert)).contains("\"examples\":["
                + "{\"id\":\"1b1cc6ad8782\",\"at\":\"2026-11-24T10:00:00Z\",\"owner\":\"ana\",\"age\":3600},"
                + "{\"id\":\"ac4733481813\",\"at\":\"2026-11-24T10:10:00Z\",\"owner\":\"bo\",\"age\":3000}]");
        SlackGolden.assertMatches("funnel-examples.json",
                SlackMessage.forGroup("MqlsNotConverting", fired, Links.none()).toJson());
    }

    /**
     * Of the 4 customers active when Nov 2 starts, c1 (basic, 20) cancels at 09:00 and c3 (team,
     * 120) at 10:00: a churn of 0.5, shown newest first.
     */
    @Test
    void aChurnFiringShowsTheCustomersLostWithPlanAndMrr() throws Exception {
        KpiCatalog catalog = KpiCatalog.builtins(List.of(DAY));
        ExampleSpec spec = catalog.spec("churn_rate").examples();
        CustomerFacts facts = new CustomerFacts(List.of("tenant"), spec);
        List<Event> events = List.of(
                sub("2026-11-01T08:00:00Z", "c1", SubscriptionEvent.Action.START, "basic", 20),
                sub("2026-11-01T08:00:00Z", "c2", SubscriptionEvent.Action.START, "pro", 50),
                sub("2026-11-01T08:00:00Z", "c3", SubscriptionEvent.Action.START, "team", 120),
                sub("2026-11-01T08:00:00Z", "c4", SubscriptionEvent.Action.START, "pro", 50),
                sub("2026-11-02T09:00:00Z", "c1", SubscriptionEvent.Action.CANCEL, "basic", 20),
                sub("2026-11-02T10:00:00Z", "c3", SubscriptionEvent.Action.CANCEL, "team", 120));
        List<KpiValue> out;
        try (KeyedRun<CustomerFact> run = new KeyedRun<>(new CustomerLedgerFunction(List.of(DAY), List.of("tenant"),
                Set.of("churn_rate"), Duration.ofDays(400).toMillis(), spec.max()), CustomerFact::key,
                CustomerFact::ts)) {
            out = run.send(events.stream().map(facts::of).toList()).watermark(at("2026-11-02T23:59:59.999Z")).drain();
        }
        List<AlertEvent> fired = judge(catalog, CHURN_HIGH, out, KEY);
        assertThat(fired).hasSize(1);
        AlertEvent alert = fired.get(0);
        assertThat(alert.examples()).extracting(AlertExample::id, AlertExample::fields).containsExactly(
                org.assertj.core.groups.Tuple.tuple("7040daa12336",
                        List.of(ExampleField.text("plan", "team"), ExampleField.number("mrr", 120))),
                org.assertj.core.groups.Tuple.tuple("2187c4e93e14",
                        List.of(ExampleField.text("plan", "basic"), ExampleField.number("mrr", 20))));
        assertThat(alert.examples()).allSatisfy(e -> assertThat(e.hasAge()).isFalse());
        assertThat(new AlertEventJson().write(alert)).contains("\"examples\":["
                + "{\"id\":\"7040daa12336\",\"at\":\"2026-11-02T10:00:00Z\",\"plan\":\"team\",\"mrr\":120},"
                + "{\"id\":\"2187c4e93e14\",\"at\":\"2026-11-02T09:00:00Z\",\"plan\":\"basic\",\"mrr\":20}]");
        SlackGolden.assertMatches("churn-examples.json",
                SlackMessage.forGroup("ChurnHigh", fired, Links.none()).toJson());
    }

    /** Without a key the seed's default hash shows no IDs; ids: plain shows them, ids: omit never. */
    @Test
    void theIdsSettingIsHonoured() throws Exception {
        KpiCatalog catalog = KpiCatalog.builtins(List.of(DAY));
        KpiValue churn = new KpiValue("churn_rate", "1d", Map.of("tenant", T), 0, 86_400_000, 0.5, 1, 2, 2, 1, 1, 2,
                List.of(), new Examples(List.of(new Example(1000, "c1", List.of(ExampleField.text("plan", "pro")))),
                Map.of()));
        assertThat(judge(catalog, CHURN_HIGH, List.of(churn), ExampleIds.NONE).get(0).examples())
                .extracting(AlertExample::id).containsExactly((String) null);
        assertThat(judge(churnExamples("{ids: plain}"), CHURN_HIGH, List.of(churn), KEY).get(0).examples())
                .extracting(AlertExample::id).containsExactly("c1");
        // omit shows none even with a key (and the ledger would have kept none)
        assertThat(judge(churnExamples("{ids: omit}"), CHURN_HIGH, List.of(churn), KEY).get(0).examples())
                .extracting(AlertExample::id).containsExactly((String) null);
    }

    private static KpiCatalog churnExamples(String examples) {
        return KpiDefinitions.parse("""
                seed:
                  churn_rate:
                    examples: %s
                """.formatted(examples), "kpis.yaml", List.of(DAY));
    }

    private static SubscriptionEvent sub(String ts, String customer, SubscriptionEvent.Action action, String plan,
                                         double mrr) {
        return new SubscriptionEvent(at(ts), T, Map.of(), customer, action, plan, mrr);
    }
}
