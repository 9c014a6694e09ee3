package dev.redflag.local;

import dev.redflag.event.Decoded;
import dev.redflag.event.Event;
import dev.redflag.event.EventDecoder;
import dev.redflag.event.LeadEvent;
import dev.redflag.kpi.ContributionExtractor;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiFamily;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.customer.CustomerFacts;
import dev.redflag.kpi.funnel.LeadFacts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys the job's keyed operators see for some records, with the job's own code: each record
 * decoded as the source decodes it, its KPI contributions keyed as {@code windowed-kpis} keys them,
 * lead events as {@code lead-funnel} does and subscription, order and ad-spend events as
 * {@code customer-ledger} does.
 *
 * <p>What each operator receives per key differs: {@code lead-funnel} and {@code customer-ledger}
 * get one record per event of their types, so their load per key is the events' count; the
 * contributions are merged per key and pane before the exchange (and flushed before every
 * watermark), so {@code windowed-kpis} gets at most one record per key and flush, whatever the
 * key's volume: its load is spread as its keys are, one each ({@link #load}).
 */
final class KeyCensus {

    static final String WINDOWED = "windowed-kpis";
    static final String FUNNEL = "lead-funnel";
    static final String LEDGER = "customer-ledger";

    private final EventDecoder decoder = new EventDecoder();
    private final ContributionExtractor contributions;
    private final LeadFacts leads;
    private final CustomerFacts customers;
    private final Map<String, Map<String, Long>> recordsByOperator = new LinkedHashMap<>();
    private long records;
    private long events;

    KeyCensus(KpiCatalog catalog) {
        contributions = new ContributionExtractor(catalog);
        List<KpiSpec> funnel = catalog.family(KpiFamily.FUNNEL);
        List<KpiSpec> customer = catalog.family(KpiFamily.CUSTOMER);
        leads = funnel.isEmpty() ? null : new LeadFacts(catalog.spec("mql_to_sql_rate").by());
        customers = customer.isEmpty() ? null : new CustomerFacts(customer.get(0).by());
        for (String operator : List.of(WINDOWED, FUNNEL, LEDGER)) {
            recordsByOperator.put(operator, new HashMap<>());
        }
    }

    void add(byte[] record) {
        records++;
        Decoded decoded = decoder.decode(record);
        if (!decoded.isOk()) {
            return;
        }
        Event event = decoded.event();
        events++;
        Map<String, Long> windowed = recordsByOperator.get(WINDOWED);
        contributions.extract(event, c -> windowed.merge(c.key(), 1L, Long::sum));
        if (leads != null && event instanceof LeadEvent lead) {
            recordsByOperator.get(FUNNEL).merge(leads.of(lead).key(), 1L, Long::sum);
        }
        if (customers != null && CustomerFacts.feeds(event.type())) {
            recordsByOperator.get(LEDGER).merge(customers.of(event).key(), 1L, Long::sum);
        }
    }

    /** Records given, broken ones included. */
    long records() {
        return records;
    }

    /** Records that decoded to an event. */
    long events() {
        return events;
    }

    /** Distinct KPI series (KPI, window, dimension values): the keys of {@code windowed-kpis}. */
    long series() {
        return recordsByOperator.get(WINDOWED).size();
    }

    /** Per key of {@code operator}, the events that reach it (before any merging). */
    Map<String, Long> events(String operator) {
        return recordsByOperator.get(operator);
    }

    /** Per key of {@code operator}, what its load is proportional to: one per key for the merged contributions, else its events. */
    Map<String, Long> load(String operator) {
        Map<String, Long> events = recordsByOperator.get(operator);
        if (!operator.equals(WINDOWED)) {
            return events;
        }
        Map<String, Long> ones = new HashMap<>();
        events.keySet().forEach(k -> ones.put(k, 1L));
        return ones;
    }

    /** Events of the operator's input per event read. */
    double perEvent(String operator) {
        return events == 0 ? 0 : recordsByOperator.get(operator).values().stream().mapToLong(Long::longValue).sum()
                / (double) events;
    }
}
