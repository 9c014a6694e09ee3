package dev.redflag.kpi.customer;

import dev.redflag.kpi.EventTimeOrderedFunction;
import dev.redflag.kpi.Examples;
import dev.redflag.kpi.KpiKeys;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowMath;
import dev.redflag.kpi.WindowSpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customer ledger for one key (by default the tenant): keeps each customer's subscription
 * spells and, per window, who was active at its start, who was lost, revenue, margin, new customers
 * and ad cost; emits churn_rate, retention_rate, arpu, clv and clv_to_cpa when a window ends.
 * Formulas are in the KPI catalog of docs/events-and-kpis.md. A customer idle for longer than the entity TTL is
 * forgotten (and, if still subscribed, leaves the active count without counting as churn).
 * With examples, each window keeps the latest customers it lost, and churn_rate carries them.
 */
public class CustomerLedgerFunction extends EventTimeOrderedFunction<CustomerFact> {

    private final List<WindowSpec> windows;
    private final List<String> by;
    private final Set<String> enabled;
    private final long[] sizes;
    private final long[] slides;
    /** Examples churn_rate keeps per window, 0 for none. */
    private final int churnExamples;

    private transient MapState<String, CustomerState> customers;
    private transient ValueState<Long> activeCount;
    private transient List<MapState<Long, LedgerWindow>> ledger;

    /**
     * @param enabled which of the customer KPIs to emit
     */
    public CustomerLedgerFunction(List<WindowSpec> windows, List<String> by, Set<String> enabled,
                                  long entityTtlMillis) {
        this(windows, by, enabled, entityTtlMillis, 0);
    }

    /**
     * @param enabled       which of the customer KPIs to emit
     * @param churnExamples how many lost customers' examples (made by {@link CustomerFacts}) a window
     *                      keeps for churn_rate, the latest; 0 for none
     */
    public CustomerLedgerFunction(List<WindowSpec> windows, List<String> by, Set<String> enabled,
                                  long entityTtlMillis, int churnExamples) {
        super(CustomerFact.class,
                windows.stream().mapToLong(w -> w.slide().toMillis()).distinct().toArray(),
                entityTtlMillis);
        this.windows = List.copyOf(windows);
        this.by = List.copyOf(by);
        this.enabled = Set.copyOf(enabled);
        this.sizes = windows.stream().mapToLong(w -> w.size().toMillis()).toArray();
        this.slides = windows.stream().mapToLong(w -> w.slide().toMillis()).toArray();
        this.churnExamples = churnExamples;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        customers = getRuntimeContext().getMapState(new MapStateDescriptor<>("customers",
                Types.STRING, TypeInformation.of(CustomerState.class)));
        activeCount = getRuntimeContext().getState(new ValueStateDescriptor<>("active", Types.LONG));
        ledger = new ArrayList<>();
        for (WindowSpec w : windows) {
            ledger.add(getRuntimeContext().getMapState(new MapStateDescriptor<>(
                    "ledger-" + w.label(), Types.LONG, TypeInformation.of(LedgerWindow.class))));
        }
    }

    @Override
    protected long timestampOf(CustomerFact fact) {
        return fact.ts();
    }

    @Override
    protected void apply(CustomerFact fact, long watermark) throws Exception {
        if (fact.kind() == CustomerFact.Kind.AD_COST) {
            forEachWindow(fact.ts(), watermark, (w, start) -> w.adCost += fact.amount());
            return;
        }
        CustomerState customer = customers.get(fact.customerId());
        if (customer == null) {
            customer = new CustomerState();
        }
        customer.lastSeen = Math.max(customer.lastSeen, fact.ts());
        switch (fact.kind()) {
            case SUBSCRIPTION_START -> {
                if (!customer.isActive()) {
                    countActive(customer, fact.ts(), watermark);
                    customer.activeSince = fact.ts();
                    addActive(1);
                }
            }
            case SUBSCRIPTION_END -> {
                if (customer.isActive()) {
                    CustomerState c = customer;
                    forEachWindow(fact.ts(), watermark, (w, start) -> {
                        if (c.activeSince < start) {
                            w.lost++;
                            if (fact.example() != null && churnExamples > 0) {
                                w.addChurned(churnExamples, fact.example());
                            }
                        }
                    });
                    customer.lastEndSpellStart = customer.activeSince;
                    customer.lastEnd = fact.ts();
                    customer.activeSince = -1;
                    addActive(-1);
                }
            }
            case ORDER -> {
                countActive(customer, fact.ts(), watermark);
                forEachWindow(fact.ts(), watermark, (w, start) -> {
                    w.revenue += fact.amount();
                    w.orderAmountSquares += fact.amount() * fact.amount();
                    w.margin += fact.margin();
                    w.orders++;
                    if (fact.newCustomer()) {
                        w.newCustomers++;
                    }
                });
            }
            default -> throw new IllegalStateException("unhandled " + fact.kind());
        }
        customers.put(fact.customerId(), customer);
    }

    /** Counts a customer as active in each window of ts, unless it already is counted there. */
    private void countActive(CustomerState customer, long ts, long watermark) throws Exception {
        forEachWindow(ts, watermark, (w, start) -> {
            if (!customer.wasActiveAt(start) && customer.lastCounted < start) {
                w.activeInWindow++;
            }
        });
        customer.lastCounted = ts;
    }

    private interface WindowUpdate {
        void update(LedgerWindow window, long start);
    }

    private void forEachWindow(long ts, long watermark, WindowUpdate update) throws Exception {
        for (int i = 0; i < sizes.length; i++) {
            for (long start = WindowMath.lastStart(ts, slides[i]); start > ts - sizes[i];
                 start -= slides[i]) {
                if (start + sizes[i] - 1 <= watermark) {
                    continue; // already emitted
                }
                LedgerWindow w = ledger.get(i).get(start);
                if (w == null) {
                    w = LedgerWindow.startingWith(active());
                }
                update.update(w, start);
                ledger.get(i).put(start, w);
            }
        }
    }

    private long active() throws Exception {
        return valueOf(activeCount);
    }

    private void addActive(long delta) throws Exception {
        add(activeCount, delta);
    }

    @Override
    protected void onBoundary(String key, long boundary, Collector<KpiValue> out)
            throws Exception {
        Map<String, String> dims = KpiKeys.values(key, by);
        long active = active();
        for (int i = 0; i < sizes.length; i++) {
            if (!WindowMath.isBoundary(boundary, slides[i])) {
                continue;
            }
            long start = boundary - sizes[i];
            LedgerWindow ended = ledger.get(i).get(start);
            if (ended != null) {
                ledger.get(i).remove(start);
                emit(windows.get(i).label(), dims, start, boundary, ended, out);
            }
            if (active > 0 && !ledger.get(i).contains(boundary)) {
                ledger.get(i).put(boundary, LedgerWindow.startingWith(active));
            }
        }
    }

    private void emit(String window, Map<String, String> dims, long start, long end, LedgerWindow w,
                      Collector<KpiValue> out) {
        double churn = Double.NaN;
        if (w.activeAtStart > 0) {
            churn = (double) w.lost / w.activeAtStart;
            // a customer active at the start adds b = 1 and a = 1 if lost (retained for retention)
            long retained = w.activeAtStart - w.lost;
            emit(new KpiValue("churn_rate", window, dims, start, end, churn, w.lost, w.activeAtStart,
                    w.activeAtStart, w.lost, w.lost, w.activeAtStart, List.of(),
                    w.churned == null ? Examples.NONE : w.churned.toExamples(List.of())), out);
            emit(new KpiValue("retention_rate", window, dims, start, end, 1 - churn, retained,
                    w.activeAtStart, w.activeAtStart, retained, retained, w.activeAtStart), out);
        }
        if (w.activeInWindow > 0) {
            // an active customer adds b = 1 and a = its revenue, approximated by each order's amount;
            // a window restored without its order squares has no moments at all
            boolean moments = !Double.isNaN(w.orderAmountSquares);
            emit(new KpiValue("arpu", window, dims, start, end, w.revenue / w.activeInWindow, w.revenue,
                    w.activeInWindow, w.activeInWindow, w.orderAmountSquares,
                    moments ? w.revenue : Double.NaN, moments ? w.activeInWindow : Double.NaN), out);
            if (churn > 0) {
                // arpu x (margin / revenue) / churn, with revenue cancelled out
                double clv = w.margin / w.activeInWindow / churn;
                emit(new KpiValue("clv", window, dims, start, end, clv, Double.NaN, Double.NaN,
                        w.activeInWindow), out);
                if (w.adCost > 0 && w.newCustomers > 0) {
                    double cpa = w.adCost / w.newCustomers;
                    emit(new KpiValue("clv_to_cpa", window, dims, start, end, clv / cpa, Double.NaN,
                            Double.NaN, w.newCustomers), out);
                }
            }
        }
    }

    private void emit(KpiValue value, Collector<KpiValue> out) {
        if (enabled.contains(value.kpi())) {
            out.collect(value);
        }
    }

    @Override
    protected boolean hasLiveState() throws Exception {
        return active() > 0 || anyNonEmpty(ledger);
    }

    @Override
    protected void expireIdle(long cutoff) throws Exception {
        removeIf(customers, c -> c.lastSeen < cutoff, (id, c) -> {
            if (c.isActive()) {
                addActive(-1);
            }
        });
    }
}
