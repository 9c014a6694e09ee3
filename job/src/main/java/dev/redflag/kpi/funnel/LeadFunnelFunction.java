package dev.redflag.kpi.funnel;

import dev.redflag.kpi.EventTimeOrderedFunction;
import dev.redflag.kpi.Example;
import dev.redflag.kpi.ExampleSpec;
import dev.redflag.kpi.Examples;
import dev.redflag.kpi.IdPolicy;
import dev.redflag.kpi.KpiKeys;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowMath;
import dev.redflag.kpi.WindowSpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The lead funnel for one key (by default tenant + channel): {@code mql_to_sql_rate} = leads that
 * reached SQL (or a later won stage) in the window / leads that reached MQL in the window, and
 * {@code mql_age_p50} = median hours the leads still waiting as MQL at the window's end have
 * waited. Each lead counts once as MQL and once as SQL; a lead that skips MQL counts as reaching
 * both at once. Leads idle for longer than the entity TTL are forgotten. With examples,
 * {@code mql_to_sql_rate} carries the MQLs that have waited longest at the window's end
 * ({@link LongestWaiting}), oldest first.
 */
public class LeadFunnelFunction extends EventTimeOrderedFunction<LeadFact> {

    private final KpiSpec rate;
    private final KpiSpec age;
    private final long[] rateSizes;
    private final long[] rateSlides;
    private final ExampleSpec examples;

    private transient MapState<String, LeadState> leads;
    private transient ValueState<Long> openMqls;
    private transient WaitingMqls waiting;
    private transient List<MapState<Long, FunnelCounts>> counts;
    /** Null when mql_to_sql_rate keeps no examples. */
    private transient LongestWaiting longestWaiting;

    public LeadFunnelFunction(KpiSpec rate, KpiSpec age, long entityTtlMillis) {
        super(LeadFact.class, slidesOf(rate, age), entityTtlMillis);
        this.rate = rate;
        this.age = age;
        this.rateSizes = rate.windows().stream().mapToLong(w -> w.size().toMillis()).toArray();
        this.rateSlides = rate.windows().stream().mapToLong(w -> w.slide().toMillis()).toArray();
        this.examples = rate.examples();
    }

    private static long[] slidesOf(KpiSpec... specs) {
        return Arrays.stream(specs).flatMap(s -> s.windows().stream())
                .mapToLong(w -> w.slide().toMillis()).distinct().toArray();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        leads = getRuntimeContext().getMapState(new MapStateDescriptor<>("leads", Types.STRING,
                TypeInformation.of(LeadState.class)));
        openMqls = getRuntimeContext().getState(new ValueStateDescriptor<>("open-mqls", Types.LONG));
        waiting = new WaitingMqls(getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "waiting-mql-times", Types.LONG, Types.INT)));
        counts = new ArrayList<>();
        for (WindowSpec w : rate.windows()) {
            counts.add(getRuntimeContext().getMapState(new MapStateDescriptor<>(
                    "funnel-" + w.label(), Types.LONG, TypeInformation.of(FunnelCounts.class))));
        }
        if (examples.enabled()) {
            longestWaiting = new LongestWaiting(examples.max(), getRuntimeContext().getListState(
                    new ListStateDescriptor<>("longest-waiting-mqls", TypeInformation.of(Example.class))),
                    getRuntimeContext().getState(new ValueStateDescriptor<>("longest-waiting-complete",
                            Types.BOOLEAN)));
        }
    }

    @Override
    protected long timestampOf(LeadFact fact) {
        return fact.ts();
    }

    @Override
    protected void apply(LeadFact fact, long watermark) throws Exception {
        LeadState lead = leads.get(fact.leadId());
        if (lead == null) {
            lead = new LeadState();
        }
        lead.lastSeen = Math.max(lead.lastSeen, fact.ts());
        switch (fact.stage()) {
            case LEAD -> {
            }
            case MQL -> reachMql(fact.leadId(), lead, fact, watermark);
            case SQL, OPPORTUNITY, WON -> {
                if (lead.mqlTs < 0) {
                    reachMql(fact.leadId(), lead, fact, watermark);
                }
                if (!lead.closed) {
                    leaveWaiting(fact.leadId(), lead);
                    lead.closed = true;
                    count(fact.ts(), watermark, false);
                }
            }
            case LOST -> {
                if (lead.isOpenMql()) {
                    leaveWaiting(fact.leadId(), lead);
                }
                lead.closed = true;
            }
        }
        leads.put(fact.leadId(), lead);
    }

    private void reachMql(String leadId, LeadState lead, LeadFact fact, long watermark) throws Exception {
        if (lead.mqlTs >= 0 || lead.closed) {
            return;
        }
        long ts = fact.ts();
        lead.mqlTs = ts;
        add(openMqls, 1);
        waiting.add(ts);
        count(ts, watermark, true);
        if (longestWaiting != null) {
            // a lead that skips MQL leaves the pool at once, and is no example of waiting
            lead.noExample = fact.example() == null;
            lead.example = fact.example() == null ? null : new Example(ts, null, fact.example().fields());
            if (fact.example() != null) {
                longestWaiting.entered(leadId, ts, fact.example());
            }
        }
    }

    private void count(long ts, long watermark, boolean mql) throws Exception {
        for (int w = 0; w < rateSizes.length; w++) {
            long size = rateSizes[w];
            long slide = rateSlides[w];
            for (long start = WindowMath.lastStart(ts, slide); start > ts - size; start -= slide) {
                if (start + size - 1 <= watermark) {
                    continue; // already emitted
                }
                FunnelCounts c = counts.get(w).get(start);
                if (c == null) {
                    c = new FunnelCounts();
                }
                if (mql) {
                    c.mql++;
                } else {
                    c.sql++;
                }
                counts.get(w).put(start, c);
            }
        }
    }

    private void leaveWaiting(String leadId, LeadState lead) throws Exception {
        add(openMqls, -1);
        waiting.remove(lead.mqlTs);
        if (longestWaiting != null && lead.isWaitingExample()) {
            longestWaiting.left(leadId);
        }
        lead.example = null;
    }

    @Override
    protected void onBoundary(String key, long boundary, Collector<KpiValue> out)
            throws Exception {
        for (int w = 0; w < rateSizes.length; w++) {
            if (!WindowMath.isBoundary(boundary, rateSlides[w])) {
                continue;
            }
            long start = boundary - rateSizes[w];
            FunnelCounts c = counts.get(w).get(start);
            if (c == null) {
                continue;
            }
            counts.get(w).remove(start);
            if (c.mql > 0 || c.sql > 0) {
                // an SQL adds a = 1 and an MQL b = 1, as different events: no cross products. A window
                // with SQLs but no MQL has no rate, and is still emitted (without a value) so that
                // detection, which pools windows, sees every SQL of a quiet channel
                out.collect(new KpiValue(rate.name(), rate.windows().get(w).label(),
                        dims(key, rate), start, boundary, c.mql > 0 ? (double) c.sql / c.mql : Double.NaN,
                        c.sql, c.mql, c.mql, c.sql, 0, c.mql, List.of(), waitingLongest(boundary)));
            }
        }
        emitAges(key, boundary, out);
    }

    /** The MQLs waiting longest at {@code boundary}, as the rate's examples; none without examples. */
    private Examples waitingLongest(long boundary) throws Exception {
        if (longestWaiting == null || valueOf(openMqls) <= 0) {
            return Examples.NONE;
        }
        List<Example> longest = longestWaiting.at(boundary, examples.ids() != IdPolicy.OMIT, leads);
        return longest.isEmpty() ? Examples.NONE : new Examples(longest, Map.of());
    }

    private void emitAges(String key, long boundary, Collector<KpiValue> out) throws Exception {
        if (valueOf(openMqls) <= 0) {
            return;
        }
        WaitingMqls.MedianAge median = null;
        boolean computed = false;
        for (WindowSpec w : age.windows()) {
            long slide = w.slide().toMillis();
            if (!WindowMath.isBoundary(boundary, slide)) {
                continue;
            }
            if (!computed) {
                median = waiting.medianAgeAt(boundary);
                computed = true;
            }
            if (median != null) {
                out.collect(new KpiValue(age.name(), w.label(), dims(key, age),
                        boundary - w.size().toMillis(), boundary, median.hours(), Double.NaN,
                        Double.NaN, median.leads()));
            }
        }
    }

    private static Map<String, String> dims(String key, KpiSpec spec) {
        return KpiKeys.values(key, spec.by());
    }

    @Override
    protected boolean hasLiveState() throws Exception {
        return valueOf(openMqls) > 0 || anyNonEmpty(counts);
    }

    @Override
    protected void expireIdle(long cutoff) throws Exception {
        removeIf(leads, lead -> lead.lastSeen < cutoff, (leadId, lead) -> {
            if (lead.isOpenMql()) {
                leaveWaiting(leadId, lead);
            }
        });
    }
}
