package dev.redflag.pipeline;

import dev.redflag.config.EventTimeConfig;
import dev.redflag.event.DeadLetter;
import dev.redflag.event.Envelope;
import dev.redflag.event.Event;
import dev.redflag.event.LeadEvent;
import dev.redflag.kpi.Contribution;
import dev.redflag.kpi.ExampleSpec;
import dev.redflag.kpi.ExpiredContributions;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiFamily;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowedKpiFunction;
import dev.redflag.kpi.customer.CustomerFact;
import dev.redflag.kpi.customer.CustomerFacts;
import dev.redflag.kpi.customer.CustomerLedgerFunction;
import dev.redflag.kpi.funnel.LeadFact;
import dev.redflag.kpi.funnel.LeadFacts;
import dev.redflag.kpi.funnel.LeadFunnelFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The KPI topology, the only place that knows it: gate → contributions → windowed KPIs, lead facts
 * → funnel, customer facts → ledger. Sources and sinks are attached by the caller, so the live job,
 * the offline {@code kpis} command and the tests run the same operators. Every stateful operator
 * has a stable uid so savepoints survive upgrades.
 */
public final class KpiPipeline {

    /**
     * What the topology produces.
     *
     * @param kpis      every KPI value with its examples, for the rule evaluation
     * @param published the same values without examples, for the KPI topic, gauges and console,
     *                  which show none: stripped in the operator that made them, before the network
     */
    public record Outputs(DataStream<Event> events, DataStream<KpiValue> kpis, DataStream<KpiValue> published,
                          DataStream<DeadLetter> deadLetters) {
    }

    private KpiPipeline() {
    }

    /**
     * @param envelopes source records with timestamps and watermarks assigned
     *                  (see {@link GuardedWatermarks#strategy})
     */
    public static Outputs build(DataStream<Envelope> envelopes, KpiCatalog catalog,
                                EventTimeConfig eventTime, Duration entityTtl,
                                GateCounters.Factory counters, ExpiredContributions.Factory expired) {
        List<KpiSpec> funnel = catalog.family(KpiFamily.FUNNEL);
        List<KpiSpec> customer = catalog.family(KpiFamily.CUSTOMER);
        EventTap leadEvents = EventTap.of("lead-events", e -> e instanceof LeadEvent);
        EventTap customerEvents = EventTap.of("customer-events", e -> CustomerFacts.feeds(e.type()));
        List<EventTap> taps = new ArrayList<>();
        if (!funnel.isEmpty()) {
            taps.add(leadEvents);
        }
        if (!customer.isEmpty()) {
            taps.add(customerEvents);
        }
        SingleOutputStreamOperator<Event> events = envelopes
                .process(new EventGate(eventTime.allowedLateness().toMillis(),
                        eventTime.maxFutureSkew().toMillis(),
                        counters, taps))
                .returns(TypeInformation.of(Event.class))
                .name("event-gate").uid("event-gate");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(EventGate.DEAD_LETTERS);

        long lateness = eventTime.allowedLateness().toMillis();
        DataStream<KpiValue> windowed = events
                .transform("kpi-contributions", TypeInformation.of(Contribution.class),
                        new CombinedContributions(catalog))
                .uid("kpi-contributions")
                .keyBy(Contribution::key)
                .process(new WindowedKpiFunction(catalog, lateness, expired))
                .name("windowed-kpis").uid("windowed-kpis");

        DataStream<KpiValue> kpis = windowed;
        DataStream<KpiValue> published = withoutExamples(windowed, "windowed-kpis");
        if (!funnel.isEmpty()) {
            KpiSpec rate = catalog.spec("mql_to_sql_rate");
            KpiSpec age = catalog.spec("mql_age_p50");
            LeadFacts facts = new LeadFacts(rate.by(), rate.examples());
            DataStream<KpiValue> leads = events.getSideOutput(leadEvents.tag())
                    .map((MapFunction<Event, LeadFact>) e -> facts.of((LeadEvent) e))
                    .returns(LeadFact.class).name("lead-facts").uid("lead-facts")
                    .keyBy(LeadFact::key)
                    .process(new LeadFunnelFunction(rate, age, entityTtl.toMillis()))
                    .name("lead-funnel").uid("lead-funnel");
            kpis = kpis.union(leads);
            published = published.union(withoutExamples(leads, "lead-funnel"));
        }
        if (!customer.isEmpty()) {
            KpiSpec first = customer.get(0);
            ExampleSpec churnExamples = catalog.contains("churn_rate") ? catalog.spec("churn_rate").examples()
                    : ExampleSpec.NONE;
            CustomerFacts facts = new CustomerFacts(first.by(), churnExamples);
            Set<String> enabled = customer.stream().map(KpiSpec::name).collect(Collectors.toSet());
            DataStream<KpiValue> customers = events.getSideOutput(customerEvents.tag())
                    .map((MapFunction<Event, CustomerFact>) facts::of)
                    .returns(CustomerFact.class).name("customer-facts").uid("customer-facts")
                    .keyBy(CustomerFact::key)
                    .process(new CustomerLedgerFunction(first.windows(), first.by(), enabled,
                            entityTtl.toMillis(), churnExamples.max()))
                    .name("customer-ledger").uid("customer-ledger");
            kpis = kpis.union(customers);
            published = published.union(withoutExamples(customers, "customer-ledger"));
        }
        return new Outputs(events, kpis, published, deadLetters);
    }

    /** The values without their examples, chained to the operator that made them. */
    private static DataStream<KpiValue> withoutExamples(DataStream<KpiValue> values, String operator) {
        return values.map(KpiValue::withoutExamples).returns(KpiValue.class).name(operator + "-published")
                .uid(operator + "-published");
    }
}
