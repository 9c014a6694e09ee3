package dev.redflag.kpi;

import dev.redflag.event.LeadEvent;
import dev.redflag.kpi.funnel.LeadFact;
import dev.redflag.kpi.funnel.LeadFacts;
import dev.redflag.kpi.funnel.LeadFunnelFunction;
import dev.redflag.kpi.funnel.LeadState;
import dev.redflag.testing.OlderPojoState;
import org.junit.jupiter.api.Test;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.redflag.event.LeadEvent.LeadStage.LEAD;
import static dev.redflag.event.LeadEvent.LeadStage.LOST;
import static dev.redflag.event.LeadEvent.LeadStage.MQL;
import static dev.redflag.event.LeadEvent.LeadStage.SQL;
import static dev.redflag.kpi.Events.T;
import static dev.redflag.kpi.Events.at;
import static dev.redflag.kpi.Events.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LeadFunnelFunctionTest {

    private static final WindowSpec HOUR = WindowSpec.tumbling(Duration.ofHours(1));
    private final KpiCatalog catalog = KpiCatalog.builtins(List.of(HOUR));
    private final LeadFacts facts = new LeadFacts(List.of("tenant", "channel"));

    private KeyedRun<LeadFact> funnel(Duration ttl) throws Exception {
        return funnel(ttl, null);
    }

    private KeyedRun<LeadFact> funnel(Duration ttl, StateBackend backend) throws Exception {
        return new KeyedRun<>(new LeadFunnelFunction(catalog.spec("mql_to_sql_rate"),
                catalog.spec("mql_age_p50"), ttl.toMillis()), LeadFact::key, LeadFact::ts, null, backend);
    }

    private List<LeadFact> facts(LeadEvent... events) {
        return java.util.Arrays.stream(events).map(facts::of).toList();
    }

    @Test
    void mqlToSqlRateAndMedianAgeOfWaitingMqls() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30))) {
            // sent out of order: the operator applies them in event-time order
            run.send(facts(
                    lead("2026-11-24T10:40:00Z", "L1", SQL, "seo"),
                    lead("2026-11-24T10:05:00Z", "L1", MQL, "seo"),
                    lead("2026-11-24T10:00:00Z", "L0", LEAD, "seo"),
                    lead("2026-11-24T10:10:00Z", "L2", MQL, "seo"),
                    lead("2026-11-24T10:20:00Z", "L3", MQL, "seo"),
                    lead("2026-11-24T10:50:00Z", "L4", SQL, "seo"), // skipped MQL: counts as both
                    lead("2026-11-24T10:55:00Z", "L2", MQL, "seo"))); // duplicate MQL: counted once
            run.watermark(at("2026-11-24T10:59:59.999Z"));
            Map<String, String> dims = Map.of("tenant", T, "channel", "seo");
            long start = at("2026-11-24T10:00:00Z");
            long end = at("2026-11-24T11:00:00Z");
            assertThat(run.drain()).containsExactly(
                    // SQLs (a) and MQLs (b) are counted from different events: moments (2, 0, 4)
                    new KpiValue("mql_to_sql_rate", "1h", dims, start, end, 0.5, 2, 4, 4, 2, 0, 4),
                    // L2 waited 50 min, L3 40 min: median 45 min
                    new KpiValue("mql_age_p50", "1h", dims, start, end, 0.75, Double.NaN, Double.NaN, 2));
        }
    }

    @Test
    void aWaitingFactHasNoTimerOfItsOwnTheTickOfItsWindowAppliesIt() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30))) {
            run.send(facts(
                    lead("2026-11-24T10:40:00Z", "L1", SQL, "seo"),
                    lead("2026-11-24T10:05:00Z", "L1", MQL, "seo"),
                    lead("2026-11-24T10:10:00Z", "L2", MQL, "seo"),
                    lead("2026-11-24T10:20:00Z", "L3", MQL, "seo")));
            // the ticks at the window's start and end (less a millisecond), none per fact time
            assertThat(run.harness().numEventTimeTimers()).isEqualTo(2);
            run.watermark(at("2026-11-24T10:59:59.998Z"));
            assertThat(run.drain()).isEmpty();
            run.watermark(at("2026-11-24T10:59:59.999Z"));
            assertThat(run.drain()).extracting(KpiValue::kpi, KpiValue::value).containsExactly(
                    tuple("mql_to_sql_rate", 1.0 / 3), tuple("mql_age_p50", 0.75));
        }
    }

    @Test
    void aLateFactIsAppliedAfterTheWaitingFactsTheWatermarkHasPassed() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30))) {
            run.send(facts(
                    lead("2026-11-24T10:10:00Z", "L1", MQL, "seo"),
                    lead("2026-11-24T10:28:00Z", "L2", LOST, "seo")));
            run.watermark(at("2026-11-24T10:30:00Z"));
            // L2 was lost at 10:28, before the watermark: its late MQL of 10:25 comes after that
            run.send(facts(lead("2026-11-24T10:25:00Z", "L2", MQL, "seo")));
            run.watermark(at("2026-11-24T10:59:59.999Z"));
            assertThat(run.drain()).filteredOn(v -> v.kpi().equals("mql_to_sql_rate"))
                    .extracting(KpiValue::numerator, KpiValue::denominator).containsExactly(tuple(0.0, 1.0));
        }
    }

    /**
     * Until 2026-12-07 a waiting fact was kept under its own time with a timer there; such state,
     * restored, is applied when that timer fires, in order with the facts kept the new way.
     */
    @Test
    void aFactKeptUnderItsOwnTimeWithATimerThereIsAppliedAtThatTimer() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30))) {
            keepAsBefore(run, facts(lead("2026-11-24T10:05:00Z", "L2", MQL, "seo")).get(0));
            run.send(facts(
                    lead("2026-11-24T10:40:00Z", "L1", MQL, "seo"),
                    lead("2026-11-24T10:50:00Z", "L1", SQL, "seo")));
            run.watermark(at("2026-11-24T10:59:59.999Z"));
            // two MQLs, one SQL; L2 has waited 55 min
            assertThat(run.drain()).extracting(KpiValue::kpi, KpiValue::value).containsExactly(
                    tuple("mql_to_sql_rate", 0.5), tuple("mql_age_p50", 55 / 60.0));
            // the next tick
            assertThat(run.harness().numEventTimeTimers()).isEqualTo(1);
        }
    }

    /** Writes {@code fact} into the funnel's state as the operator did before 2026-12-07. */
    @SuppressWarnings("unchecked")
    private static void keepAsBefore(KeyedRun<LeadFact> run, LeadFact fact) throws Exception {
        var operator = (org.apache.flink.streaming.api.operators.KeyedProcessOperator<String, LeadFact, KpiValue>)
                run.harness().getOperator();
        operator.setCurrentKey(fact.key());
        MapState<Long, List<LeadFact>> pending = operator.getKeyedStateBackend().getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("pending", Types.LONG, new ListTypeInfo<>(TypeInformation.of(LeadFact.class))));
        pending.put(fact.ts(), new java.util.ArrayList<>(List.of(fact)));
        operator.getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, operator)
                .registerEventTimeTimer(VoidNamespace.INSTANCE, fact.ts());
    }

    @Test
    void stalledFunnelKeepsReportingZeroSqlAndGrowingAges() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30))) {
            run.send(facts(
                    lead("2026-11-24T10:00:00Z", "L1", MQL, "ads"),
                    lead("2026-11-24T10:30:00Z", "L2", MQL, "ads"),
                    lead("2026-11-24T10:45:00Z", "L3", MQL, "ads"),
                    lead("2026-11-24T10:50:00Z", "L3", LOST, "ads")));
            run.watermark(at("2026-11-24T12:59:59.999Z"));
            List<KpiValue> out = run.drain();
            assertThat(out).extracting(KpiValue::kpi, KpiValue::windowStart, KpiValue::value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("mql_to_sql_rate", at("2026-11-24T10:00:00Z"), 0.0),
                            org.assertj.core.groups.Tuple.tuple("mql_age_p50", at("2026-11-24T10:00:00Z"), 0.75),
                            org.assertj.core.groups.Tuple.tuple("mql_age_p50", at("2026-11-24T11:00:00Z"), 1.75),
                            org.assertj.core.groups.Tuple.tuple("mql_age_p50", at("2026-11-24T12:00:00Z"), 2.75));
        }
    }

    @Test
    void leadsIdleLongerThanTheTtlAreForgotten() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(1))) {
            run.send(facts(lead("2026-11-24T10:00:00Z", "L1", MQL, "ads")));
            run.watermark(at("2026-11-26T00:59:59.999Z"));
            List<KpiValue> out = run.drain();
            KpiValue last = out.get(out.size() - 1);
            assertThat(last.kpi()).isEqualTo("mql_age_p50");
            assertThat(last.windowEnd()).isEqualTo(at("2026-11-26T00:00:00Z"));
            // the sweep at the day boundary of 2026-11-26 dropped the lead idle since the 24th
            run.watermark(at("2026-11-26T05:59:59.999Z"));
            assertThat(run.drain()).isEmpty();
            // forgotten: its SQL now counts as a lead reaching MQL and SQL at once
            run.send(facts(lead("2026-11-26T06:30:00Z", "L1", SQL, "ads")));
            run.watermark(at("2026-11-26T06:59:59.999Z"));
            assertThat(run.drain()).extracting(KpiValue::kpi, KpiValue::numerator, KpiValue::denominator)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("mql_to_sql_rate", 1.0, 1.0));
        }
    }

    private List<KpiValue> ages(List<KpiValue> values) {
        return values.stream().filter(v -> v.kpi().equals("mql_age_p50")).toList();
    }

    @ParameterizedTest(name = "rocksdb={0}")
    @ValueSource(booleans = {false, true})
    void medianAgeCountsOnlyTheLeadsStillWaitingAmongClosedAndLostOnes(boolean rocksDb) throws Exception {
        // RocksDB serializes every state access: the waiting pool must hold up there too
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30),
                rocksDb ? new EmbeddedRocksDBStateBackend() : null)) {
            run.send(facts(
                    lead("2026-11-24T10:00:00Z", "L1", MQL, "ads"),
                    lead("2026-11-24T10:00:00Z", "L2", MQL, "ads"),
                    lead("2026-11-24T10:00:00Z", "L11", MQL, "ads"),
                    lead("2026-11-24T10:15:00Z", "L3", MQL, "ads"),
                    lead("2026-11-24T10:15:00Z", "L4", MQL, "ads"),
                    lead("2026-11-24T10:15:00Z", "L8", LEAD, "ads"), // never an MQL
                    lead("2026-11-24T10:30:00Z", "L2", SQL, "ads"), // closed
                    lead("2026-11-24T10:30:00Z", "L5", MQL, "ads"),
                    lead("2026-11-24T10:30:00Z", "L6", SQL, "ads"), // skipped MQL: never waiting
                    lead("2026-11-24T10:30:00Z", "L9", LOST, "ads"),
                    lead("2026-11-24T10:45:00Z", "L4", LOST, "ads"), // lost
                    lead("2026-11-24T10:45:00Z", "L7", MQL, "ads"),
                    lead("2026-11-24T10:45:00Z", "L9", MQL, "ads"), // lost before: stays out
                    lead("2026-11-24T10:45:00Z", "L10", MQL, "ads"),
                    lead("2026-11-24T11:15:00Z", "L10", SQL, "ads"),
                    lead("2026-11-24T11:30:00Z", "L11", LOST, "ads")));
            run.watermark(at("2026-11-24T11:59:59.999Z"));
            Map<String, String> dims = Map.of("tenant", T, "channel", "ads");
            assertThat(ages(run.drain())).containsExactly(
                    // waiting at 11:00: L1 and L11 60 min, L3 45, L5 30, L7 and L10 15: (30 + 45) / 2
                    new KpiValue("mql_age_p50", "1h", dims, at("2026-11-24T10:00:00Z"),
                            at("2026-11-24T11:00:00Z"), 0.625, Double.NaN, Double.NaN, 6),
                    // at 12:00 L10 and L11 have left: L1 120 min, L3 105, L5 90, L7 75: (90 + 105) / 2
                    new KpiValue("mql_age_p50", "1h", dims, at("2026-11-24T11:00:00Z"),
                            at("2026-11-24T12:00:00Z"), 1.625, Double.NaN, Double.NaN, 4));
        }
    }

    @Test
    void waitingMqlsDroppedByTheTtlLeaveTheMedian() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(1))) {
            run.send(facts(
                    lead("2026-11-24T10:00:00Z", "L1", MQL, "ads"),
                    lead("2026-11-24T10:30:00Z", "L2", MQL, "ads"),
                    lead("2026-11-25T06:00:00Z", "L3", MQL, "ads")));
            run.watermark(at("2026-11-25T22:59:59.999Z"));
            run.drain();
            run.watermark(at("2026-11-26T01:59:59.999Z"));
            assertThat(ages(run.drain())).extracting(KpiValue::windowEnd, KpiValue::value, KpiValue::sample)
                    .containsExactly(
                            // all three waiting: 38 h, 37.5 h, 18 h; then the day's sweep drops L1
                            // and L2, idle since the 24th
                            tuple(at("2026-11-26T00:00:00Z"), 37.5, 3L),
                            tuple(at("2026-11-26T01:00:00Z"), 19.0, 1L),
                            tuple(at("2026-11-26T02:00:00Z"), 20.0, 1L));
        }
    }

    @Test
    void endOfInputTicksAQuietKeyOnlyToTheEndOfTheData() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30))) {
            run.send(facts(
                    lead("2026-11-24T10:00:00Z", "L1", MQL, "ads"),
                    // another key's lead is the latest fact: the data ends in the 12:00 window
                    lead("2026-11-24T12:30:00Z", "L2", LEAD, "seo")));
            run.watermark(Long.MAX_VALUE);
            assertThat(run.drain()).extracting(KpiValue::kpi, KpiValue::windowEnd, KpiValue::value)
                    .containsExactly(
                            tuple("mql_to_sql_rate", at("2026-11-24T11:00:00Z"), 0.0),
                            tuple("mql_age_p50", at("2026-11-24T11:00:00Z"), 1.0),
                            tuple("mql_age_p50", at("2026-11-24T12:00:00Z"), 2.0),
                            tuple("mql_age_p50", at("2026-11-24T13:00:00Z"), 3.0));
            assertThat(run.harness().numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aLiveWatermarkTicksAQuietKeyPastItsLastFact() throws Exception {
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30))) {
            run.send(facts(
                    lead("2026-11-24T10:00:00Z", "L1", MQL, "ads"),
                    lead("2026-11-24T12:30:00Z", "L2", LEAD, "seo")));
            run.watermark(at("2026-11-24T15:59:59.999Z"));
            assertThat(ages(run.drain())).extracting(KpiValue::windowEnd, KpiValue::value)
                    .containsExactly(
                            tuple(at("2026-11-24T11:00:00Z"), 1.0),
                            tuple(at("2026-11-24T12:00:00Z"), 2.0),
                            tuple(at("2026-11-24T13:00:00Z"), 3.0),
                            tuple(at("2026-11-24T14:00:00Z"), 4.0),
                            tuple(at("2026-11-24T15:00:00Z"), 5.0),
                            tuple(at("2026-11-24T16:00:00Z"), 6.0));
            // the next tick waits for the watermark
            assertThat(run.harness().numEventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void waitingMqlsSurviveARestoreAndEndOfInputAfterItStopsAtTheDueBoundary() throws Exception {
        LeadFunnelFunction function = new LeadFunnelFunction(catalog.spec("mql_to_sql_rate"),
                catalog.spec("mql_age_p50"), Duration.ofDays(30).toMillis());
        OperatorSubtaskState snapshot;
        try (KeyedRun<LeadFact> run = funnel(Duration.ofDays(30))) {
            run.send(facts(
                    lead("2026-11-24T10:00:00Z", "L1", MQL, "ads"),
                    lead("2026-11-24T10:30:00Z", "L2", MQL, "ads"),
                    lead("2026-11-24T10:45:00Z", "L3", MQL, "ads"),
                    lead("2026-11-24T10:50:00Z", "L3", SQL, "ads")));
            run.watermark(at("2026-11-24T10:59:59.999Z"));
            run.drain();
            snapshot = run.snapshot();
        }
        try (KeyedRun<LeadFact> restored = new KeyedRun<>(function, LeadFact::key, LeadFact::ts, snapshot)) {
            // no fact since the restore: the end of the data is unknown, so the tick already
            // due (12:00) is the last
            restored.watermark(Long.MAX_VALUE);
            assertThat(restored.drain()).extracting(KpiValue::kpi, KpiValue::windowEnd, KpiValue::value,
                            KpiValue::sample)
                    .containsExactly(tuple("mql_age_p50", at("2026-11-24T12:00:00Z"), 1.75, 2L));
            assertThat(restored.harness().numEventTimeTimers()).isZero();
        }
    }
    /** The seed catalog with mql_to_sql_rate's examples set to {@code examples}. */
    private static KpiCatalog mqlExamples(String examples) {
        return KpiDefinitions.parse("""
                seed:
                  mql_to_sql_rate:
                    examples: %s
                """.formatted(examples), "kpis.yaml", List.of(HOUR));
    }

    private static KeyedRun<LeadFact> funnel(KpiCatalog catalog, OperatorSubtaskState restored) throws Exception {
        return funnel(catalog, restored, false);
    }

    private static KeyedRun<LeadFact> funnel(KpiCatalog catalog, OperatorSubtaskState restored, boolean rocksDb)
            throws Exception {
        return new KeyedRun<>(new LeadFunnelFunction(catalog.spec("mql_to_sql_rate"), catalog.spec("mql_age_p50"),
                Duration.ofDays(30).toMillis()), LeadFact::key, LeadFact::ts, restored,
                rocksDb ? new EmbeddedRocksDBStateBackend() : null);
    }

    private static List<LeadFact> facts(KpiCatalog catalog, LeadEvent... events) {
        LeadFacts facts = new LeadFacts(List.of("tenant", "channel"), catalog.spec("mql_to_sql_rate").examples());
        return java.util.Arrays.stream(events).map(facts::of).toList();
    }

    private static LeadEvent mql(String ts, String id, String owner) {
        return new LeadEvent(at(ts), T, Map.of(), id, MQL, "ads", owner);
    }

    private static Example waiting(String mqlAt, String id, String owner) {
        return new Example(at(mqlAt), id, List.of(ExampleField.text("owner", owner)));
    }

    private static List<Example> rateExamples(List<KpiValue> out) {
        List<KpiValue> rates = out.stream().filter(v -> v.kpi().equals("mql_to_sql_rate")).toList();
        assertThat(rates).hasSize(1);
        return rates.get(0).examples().series();
    }

    /**
     * 10:00 L1 (ana), 10:10 L2 (bo), 10:20 L3 (cy), 10:30 L4 (ana) become MQL; L1 reaches SQL at
     * 10:40, L5 skips MQL at 10:50. At 11:00 L2, L3 and L4 wait: the two waiting longest are L2
     * (50 min) and L3 (40 min). In the next hour L2 reaches SQL and L6 becomes MQL: at 12:00 L3
     * (1 h 40 min) and L4 (1 h 30 min), through a snapshot and restore in between.
     */
    @ParameterizedTest(name = "rocksdb={0}")
    @ValueSource(booleans = {false, true})
    void theRateCarriesTheMqlsWaitingLongestOldestFirstWithTheirOwner(boolean rocksDb) throws Exception {
        KpiCatalog catalog = mqlExamples("{ids: plain, max: 2}");
        OperatorSubtaskState snapshot;
        try (KeyedRun<LeadFact> run = funnel(catalog, null, rocksDb)) {
            run.send(facts(catalog,
                    mql("2026-11-24T10:30:00Z", "L4", "ana"),
                    mql("2026-11-24T10:00:00Z", "L1", "ana"),
                    mql("2026-11-24T10:10:00Z", "L2", "bo"),
                    mql("2026-11-24T10:20:00Z", "L3", "cy"),
                    lead("2026-11-24T10:40:00Z", "L1", SQL, "ads"),
                    lead("2026-11-24T10:50:00Z", "L5", SQL, "ads")));
            run.watermark(at("2026-11-24T10:59:59.999Z"));
            List<KpiValue> out = run.drain();
            assertThat(out).filteredOn(v -> v.kpi().equals("mql_to_sql_rate")).extracting(KpiValue::value)
                    .containsExactly(0.4);
            assertThat(rateExamples(out)).containsExactly(
                    waiting("2026-11-24T10:10:00Z", "L2", "bo"),
                    waiting("2026-11-24T10:20:00Z", "L3", "cy"));
            assertThat(out).filteredOn(v -> v.kpi().equals("mql_age_p50"))
                    .allSatisfy(v -> assertThat(v.examples()).isEqualTo(Examples.NONE));
            snapshot = run.snapshot();
        }
        try (KeyedRun<LeadFact> run = funnel(catalog, snapshot, rocksDb)) {
            run.send(facts(catalog,
                    lead("2026-11-24T11:05:00Z", "L2", SQL, "ads"),
                    mql("2026-11-24T11:15:00Z", "L6", "bo")));
            run.watermark(at("2026-11-24T11:59:59.999Z"));
            assertThat(rateExamples(run.drain())).containsExactly(
                    waiting("2026-11-24T10:20:00Z", "L3", "cy"),
                    waiting("2026-11-24T10:30:00Z", "L4", "ana"));
        }
    }

    /**
     * max 1 keeps the 2 oldest (L1, L2) of three: once both have left, the next boundary finds L3 in
     * the lead state. Under ids: omit no ID is shown; a lead whose MQL does not match when is none.
     */
    @Test
    void whenTheKeptLeadsHaveLeftTheNextOldestIsFoundAndOmitShowsNoIds() throws Exception {
        KpiCatalog catalog = mqlExamples("{ids: omit, max: 1, when: {owner: {not: zed}}}");
        try (KeyedRun<LeadFact> run = funnel(catalog, null)) {
            run.send(facts(catalog,
                    mql("2026-11-24T10:00:00Z", "L0", "zed"), // not an example, though as old as L1
                    mql("2026-11-24T10:00:00Z", "L1", "ana"),
                    mql("2026-11-24T10:10:00Z", "L2", "bo"),
                    mql("2026-11-24T10:20:00Z", "L3", "cy")));
            run.watermark(at("2026-11-24T10:59:59.999Z"));
            assertThat(rateExamples(run.drain())).containsExactly(new Example(at("2026-11-24T10:00:00Z"), null,
                    List.of(ExampleField.text("owner", "ana"))));
            run.send(facts(catalog,
                    lead("2026-11-24T11:05:00Z", "L1", SQL, "ads"),
                    lead("2026-11-24T11:06:00Z", "L2", LOST, "ads")));
            run.watermark(at("2026-11-24T11:59:59.999Z"));
            assertThat(rateExamples(run.drain())).containsExactly(new Example(at("2026-11-24T10:20:00Z"), null,
                    List.of(ExampleField.text("owner", "cy"))));
        }
    }

    @Test
    void aLeadAndAFactSavedBeforeExamplesComeBackWithoutOneAndTheLeadIsShownByItsId() throws Exception {
        LeadState saved = new LeadState();
        saved.mqlTs = 7;
        saved.lastSeen = 9;
        LeadState restored = OlderPojoState.restore(LeadState.class, saved, "mqlTs", "closed", "lastSeen");
        assertThat(restored.example).isNull();
        assertThat(restored.isWaitingExample()).as("shown with its ID and no fields").isTrue();

        LeadFact fact = new LeadFact("k", "L1", MQL, 7, waiting("2026-11-24T10:00:00Z", "L1", "ana"));
        assertThat(OlderPojoState.restore(LeadFact.class, fact, "key", "leadId", "stage", "ts"))
                .isEqualTo(new LeadFact("k", "L1", MQL, 7));
    }
    /**
     * The documented cost: a waiting lead's state grows by its example's fields (no ID) and a flag;
     * a kept lead of the list is 33 bytes with an 8-character ID and owner=ana.
     */
    @Test
    void whatExamplesAddToALeadsStateAndTheListOfTheLongestWaiting() throws Exception {
        var config = new org.apache.flink.api.common.ExecutionConfig().getSerializerConfig();
        var leadSerializer = org.apache.flink.api.common.typeinfo.TypeInformation.of(LeadState.class)
                .createSerializer(config);
        LeadState plain = new LeadState();
        plain.mqlTs = 1;
        LeadState withExample = new LeadState();
        withExample.mqlTs = 1;
        withExample.example = new Example(1, null, List.of(ExampleField.text("owner", "ana")));
        org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(64);
        leadSerializer.serialize(plain, out);
        int plainBytes = out.length();
        out.clear();
        leadSerializer.serialize(withExample, out);
        assertThat(out.length() - plainBytes).isEqualTo(24);
        out.clear();
        org.apache.flink.api.common.typeinfo.TypeInformation.of(Example.class).createSerializer(config)
                .serialize(waiting("2026-11-24T10:00:00Z", "L0000001", "ana"), out);
        assertThat(out.length()).isEqualTo(33);
    }
}
