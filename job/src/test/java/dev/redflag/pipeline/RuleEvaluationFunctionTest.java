package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.Slice;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.eval.SeriesHistory;
import dev.redflag.rules.eval.SliceBaseline;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The rule operator with Flink's keyed broadcast test harness: alerts from values, rule sets
 * swapped at run time (a dropped rule resolves its alerts), shadow rules, and state that survives
 * a snapshot and restore without repeating or losing a transition.
 */
class RuleEvaluationFunctionTest {

    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private static final String BOUNCE_HIGH = """
            groups:
              - name: web
                rules:
                  - alert: BounceHigh
                    kpi: bounce_rate
                    when: {above: 0.5}
                    severity: warning
                    annotations: {summary: "{{page}} at {{value}}"}
            """;
    private static final String SHADOW_LOW = """
            groups:
              - name: trial
                rules:
                  - alert: BounceLow
                    kpi: bounce_rate
                    when: {below: 0.2}
                    severity: info
                    mode: shadow
            """;

    private static final String BOUNCE_SLICED_ON_PRICING = """
            groups:
              - name: web
                rules:
                  - alert: BounceRising
                    kpi: bounce_rate
                    match: {page: /pricing}
                    when: {shift: rise, percent: 25, slices: [channel]}
                    severity: warning
            """;

    private static String bundle(Map<String, String> files) {
        return new String(new RuleBundle(new TreeMap<>(files)).toJson(), StandardCharsets.UTF_8);
    }

    private static KpiValue bounce(String page, String windowStart, double value) {
        long start = Instant.parse(windowStart).toEpochMilli();
        return new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("page", page, "tenant", "acme")), start,
                start + 3_600_000, value, value * 100, 100, 100);
    }

    /** A value of a sliced bounce rate: 40 of 100 sessions bounced, 30 of 60 paid and 10 of 40 organic. */
    private static KpiValue slicedBounce(String page, String windowStart) {
        long start = Instant.parse(windowStart).toEpochMilli();
        return new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("page", page, "tenant", "acme")), start,
                start + 3_600_000, 0.4, 40, 100, 100, 40, 40, 100, List.of(
                        new Slice("channel=paid", 30, 60, 60, 30, 30, 60),
                        new Slice("channel=organic", 10, 40, 40, 10, 10, 40)));
    }

    /** The pages whose series hold a slice baseline in the operator's keyed state. */
    private static List<String> pagesWithSliceState(
            KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h) throws Exception {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        List<String> keys;
        try (var stream = backend.getKeys("series", VoidNamespace.INSTANCE)) {
            keys = stream.toList();
        }
        ValueState<SeriesState> series = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new ValueStateDescriptor<>("series", SeriesState.INFO));
        List<String> pages = new ArrayList<>();
        for (String key : keys) {
            backend.setCurrentKey(key);
            if (series.value().slices != null) {
                pages.add(key.split("\u001f")[2]);
            }
        }
        return pages.stream().sorted().toList();
    }

    private static KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT), KpiValue::seriesKey, Types.STRING,
                ActiveRulesCache.RULES);
    }

    private static void value(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h,
                              KpiValue v) throws Exception {
        h.processElement(new StreamRecord<>(v, v.windowEnd() - 1));
    }

    private static List<AlertEvent> drain(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h) {
        List<AlertEvent> out = h.extractOutputValues();
        h.getOutput().clear();
        return out;
    }

    @Test
    void firesOnValuesAndResolvesWhenARuleIsDroppedFromTheRuleSet() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_HIGH))));
            value(h, bounce("/pricing", "2026-11-02T10:00:00Z", 0.7));
            value(h, bounce("/home", "2026-11-02T10:00:00Z", 0.3));
            List<AlertEvent> fired = drain(h);
            assertThat(fired).extracting(AlertEvent::alertname, AlertEvent::phase, e -> e.labels().get("page"),
                            e -> e.annotations().get("summary"))
                    .containsExactly(tuple("BounceHigh", Transition.Phase.FIRING, "/pricing", "/pricing at 0.7"));

            h.watermark(Instant.parse("2026-11-02T11:30:00Z").toEpochMilli());
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("trial.yaml", SHADOW_LOW))));
            assertThat(drain(h)).extracting(AlertEvent::alertname, AlertEvent::phase, e -> e.labels().get("page"),
                            e -> e.transition().endsAt())
                    .containsExactly(tuple("BounceHigh", Transition.Phase.RESOLVED, "/pricing",
                            Instant.parse("2026-11-02T11:30:00Z").toEpochMilli()));
        }
    }

    @Test
    void shadowRulesAreEvaluatedAndMarked() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("trial.yaml", SHADOW_LOW))));
            value(h, bounce("/docs", "2026-11-02T10:00:00Z", 0.1));
            assertThat(drain(h)).extracting(AlertEvent::alertname, AlertEvent::shadow, AlertEvent::phase)
                    .containsExactly(tuple("BounceLow", true, Transition.Phase.FIRING));
        }
    }

    @Test
    void afterARestoreNoTransitionIsRepeatedOrLost() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_HIGH))));
            value(h, bounce("/pricing", "2026-11-02T10:00:00Z", 0.7));
            assertThat(drain(h)).extracting(AlertEvent::phase).containsExactly(Transition.Phase.FIRING);
            snapshot = h.snapshot(1, 1);
        }
        try (var restored = restored(new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT), snapshot)) {
            // still firing: no second FIRING; then the next low value resolves it
            value(restored, bounce("/pricing", "2026-11-02T11:00:00Z", 0.8));
            assertThat(drain(restored)).isEmpty();
            value(restored, bounce("/pricing", "2026-11-02T12:00:00Z", 0.2));
            assertThat(drain(restored)).extracting(AlertEvent::phase, e -> e.transition().startsAt())
                    .containsExactly(tuple(Transition.Phase.RESOLVED,
                            Instant.parse("2026-11-02T11:00:00Z").toEpochMilli()));
        }
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void keepsASliceBaselineOnlyForSeriesARuleJudgesOnSlices(boolean rocksDb) throws Exception {
        try (var h = restored(new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT), null, rocksDb)) {
            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_HIGH))));
            value(h, slicedBounce("/pricing", "2026-11-02T10:00:00Z"));
            value(h, slicedBounce("/home", "2026-11-02T10:00:00Z"));
            assertThat(pagesWithSliceState(h)).as("no rule has slices:").isEmpty();

            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_SLICED_ON_PRICING))));
            value(h, slicedBounce("/pricing", "2026-11-02T11:00:00Z"));
            value(h, slicedBounce("/home", "2026-11-02T11:00:00Z"));
            assertThat(pagesWithSliceState(h)).as("the sliced rule watches /pricing only").containsExactly("/pricing");

            h.processBroadcastElement(new StreamRecord<>(bundle(Map.of("web.yaml", BOUNCE_HIGH))));
            assertThat(pagesWithSliceState(h)).as("cleared when the rule set drops slices:").isEmpty();
            value(h, slicedBounce("/pricing", "2026-11-02T12:00:00Z"));
            assertThat(pagesWithSliceState(h)).isEmpty();
        }
    }

    @Test
    void aSeriesKeptAsThreeStatesByAnEarlierVersionGoesOnAsIfNeverMoved() throws Exception {
        String rules = bundle(Map.of("web.yaml", BOUNCE_SLICED_ON_PRICING));
        List<KpiValue> before = List.of(slicedBounce("/pricing", "2026-11-02T10:00:00Z"),
                slicedBounce("/pricing", "2026-11-02T11:00:00Z"), slicedBounce("/pricing", "2026-11-02T12:00:00Z"));
        List<KpiValue> after = List.of(slicedBounce("/pricing", "2026-11-02T13:00:00Z"),
                // a late value of a window before the latest: judged already, so nothing moves
                slicedBounce("/pricing", "2026-11-02T11:00:00Z"), slicedBounce("/pricing", "2026-11-02T14:00:00Z"));
        String key = before.get(0).seriesKey();

        OperatorSubtaskState oneState;
        List<AlertEvent> expected;
        String expectedState;
        try (var h = harness()) {
            h.processBroadcastElement(new StreamRecord<>(rules));
            for (KpiValue v : before) {
                value(h, v);
            }
            oneState = h.snapshot(1, 1);
            drain(h);
            for (KpiValue v : after) {
                value(h, v);
            }
            expected = drain(h);
            expectedState = stateBytes(h, key);
        }

        OperatorSubtaskState threeStates = asThreeStates(oneState, false, List.of(key));
        try (var h = restored(new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT), threeStates)) {
            for (KpiValue v : after) {
                value(h, v);
            }
            assertThat(drain(h)).isEqualTo(expected);
            assertThat(stateBytes(h, key)).isEqualTo(expectedState);
            assertThat(keysOf(h, "last")).as("moved out of the earlier layout").isEmpty();
            assertThat(keysOf(h, "history")).isEmpty();
            assertThat(keysOf(h, "slices")).isEmpty();
        }
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void theNextRuleSetMovesEverySeriesOutOfTheThreeStateLayoutAndTheJobStopsLookingThere(boolean rocksDb)
            throws Exception {
        // the sliced shift keeps /pricing's slice baseline; the jump judges the latest value against the one before
        String rules = bundle(Map.of("web.yaml", BOUNCE_SLICED_ON_PRICING, "jumps.yaml", """
                groups:
                  - name: jumps
                    rules:
                      - alert: BounceJump
                        kpi: bounce_rate
                        when: {change: rise, percent: 25}
                        severity: warning
                """));
        List<KpiValue> before = new ArrayList<>();
        for (String hour : List.of("10", "11", "12")) {
            before.add(slicedBounce("/pricing", "2026-11-02T" + hour + ":00:00Z"));
            before.add(slicedBounce("/home", "2026-11-02T" + hour + ":00:00Z"));
        }
        // /pricing's bounce rate rises by half, its paid sessions' from 50% to 90%
        long thirteen = Instant.parse("2026-11-02T13:00:00Z").toEpochMilli();
        KpiValue rise = new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("page", "/pricing", "tenant", "acme")),
                thirteen, thirteen + 3_600_000, 0.6, 60, 100, 100, 60, 60, 100, List.of(
                        new Slice("channel=paid", 54, 60, 60, 54, 54, 60),
                        new Slice("channel=organic", 6, 40, 40, 6, 6, 40)));
        List<KpiValue> after = List.of(rise, slicedBounce("/home", "2026-11-02T13:00:00Z"));
        List<String> keys = List.of(before.get(0).seriesKey(), before.get(1).seriesKey());

        OperatorSubtaskState oneState;
        List<AlertEvent> expected;
        List<String> expectedStates = new ArrayList<>();
        try (var h = restored(new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT), null, rocksDb)) {
            h.processBroadcastElement(new StreamRecord<>(rules));
            for (KpiValue v : before) {
                value(h, v);
            }
            oneState = h.snapshot(1, 1);
            drain(h);
            h.processBroadcastElement(new StreamRecord<>(rules)); // published again
            for (KpiValue v : after) {
                value(h, v);
            }
            expected = drain(h);
            for (String key : keys) {
                expectedStates.add(stateBytes(h, key));
            }
        }
        assertThat(expected).extracting(AlertEvent::alertname, AlertEvent::phase, e -> e.labels().get("page"))
                .containsExactly(tuple("BounceJump", Transition.Phase.FIRING, "/pricing"));

        OperatorSubtaskState threeStates = asThreeStates(oneState, rocksDb, keys);
        OperatorSubtaskState swept;
        try (var h = restored(new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT), threeStates, rocksDb)) {
            h.snapshot(3, 3);
            assertThat(layoutOf(h)).as("restored from the earlier layout").containsExactly(1);
            assertThat(keysOf(h, "last")).containsExactlyInAnyOrderElementsOf(keys);

            h.processBroadcastElement(new StreamRecord<>(rules)); // published again
            assertThat(keysOf(h, "last")).as("moved out of the earlier layout").isEmpty();
            assertThat(keysOf(h, "history")).isEmpty();
            assertThat(keysOf(h, "slices")).isEmpty();
            assertThat(keysOf(h, "series")).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(pagesWithSliceState(h)).containsExactly("/pricing");
            swept = h.snapshot(4, 4);
            assertThat(layoutOf(h)).as("nothing left in the earlier layout").containsExactly(2);
        }
        try (var h = restored(new RuleEvaluationFunction(CATALOG, AlertLifecycle.DEFAULT), swept, rocksDb)) {
            for (KpiValue v : after) {
                value(h, v);
            }
            assertThat(drain(h)).isEqualTo(expected);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(stateBytes(h, keys.get(i))).isEqualTo(expectedStates.get(i));
            }
            h.snapshot(5, 5);
            assertThat(layoutOf(h)).containsExactly(2);
        }
    }

    /**
     * {@code oneState}, a checkpoint of this version, as an earlier version would have written it
     * ({@link ToThreeStates}), checked to hold exactly {@code keys} in the old states and none in the new.
     */
    private static OperatorSubtaskState asThreeStates(OperatorSubtaskState oneState, boolean rocksDb,
                                                      List<String> keys) throws Exception {
        try (var old = restored(new ToThreeStates(), oneState, rocksDb)) {
            old.processBroadcastElement(new StreamRecord<>("move every series to the earlier layout"));
            assertThat(keysOf(old, "last")).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(keysOf(old, "series")).isEmpty();
            return old.snapshot(2, 2);
        }
    }

    /** What the operator's last snapshot said of the series' layout, in its union operator state. */
    private static List<Integer> layoutOf(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h)
            throws Exception {
        List<Integer> layout = new ArrayList<>();
        h.getOperator().getOperatorStateBackend()
                .getUnionListState(new ListStateDescriptor<>("series-state-layout", Types.INT)).get()
                .forEach(layout::add);
        return layout;
    }

    private static KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> restored(
            KeyedBroadcastProcessFunction<String, KpiValue, String, AlertEvent> function, OperatorSubtaskState state)
            throws Exception {
        return restored(function, state, false);
    }

    /** The operator opened on heap or RocksDB state, restored from {@code state} unless it is null. */
    private static KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> restored(
            KeyedBroadcastProcessFunction<String, KpiValue, String, AlertEvent> function, OperatorSubtaskState state,
            boolean rocksDb) throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(function, List.of(ActiveRulesCache.RULES)),
                KpiValue::seriesKey, Types.STRING, 1, 1, 0);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private static List<String> keysOf(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h,
                                       String state) {
        try (var keys = h.getOperator().<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.toList();
        }
    }

    /** The series' {@link SeriesState} as its serializer writes it (in hex), to compare two whole. */
    private static String stateBytes(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h,
                                     String key) throws Exception {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        SeriesState state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("series", SeriesState.INFO)).value();
        DataOutputSerializer out = new DataOutputSerializer(256);
        SeriesState.INFO.createSerializer(new SerializerConfigImpl()).serialize(state, out);
        return HexFormat.of().formatHex(out.getCopyOfBuffer());
    }

    /**
     * Turns a checkpoint of this version into one of an earlier version: each series' state as the
     * three states it was kept in then, and no word on the layout in operator state.
     */
    private static final class ToThreeStates extends KeyedBroadcastProcessFunction<String, KpiValue, String, AlertEvent>
            implements CheckpointedFunction {
        private transient ValueStateDescriptor<SeriesState> seriesDescriptor;
        private transient ValueState<KpiValue> last;
        private transient ValueState<SeriesHistory> history;
        private transient ValueState<SliceBaseline.State> slices;

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            context.getOperatorStateStore().getUnionListState(
                    new ListStateDescriptor<>("series-state-layout", Types.INT)).clear();
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
        }

        @Override
        public void open(OpenContext openContext) {
            seriesDescriptor = new ValueStateDescriptor<>("series", SeriesState.INFO);
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", TypeInformation.of(KpiValue.class)));
            history = getRuntimeContext().getState(new ValueStateDescriptor<>("history",
                    TypeInformation.of(SeriesHistory.class)));
            slices = getRuntimeContext().getState(new ValueStateDescriptor<>("slices", SliceBaselineStateTypeInfo.INFO));
        }

        @Override
        public void processElement(KpiValue value, ReadOnlyContext ctx, Collector<AlertEvent> out) {
        }

        @Override
        public void processBroadcastElement(String ignored, Context ctx, Collector<AlertEvent> out) throws Exception {
            ctx.applyToKeyedState(seriesDescriptor, (key, state) -> {
                SeriesState s = state.value();
                last.update(s.last);
                history.update(s.history);
                if (s.slices != null) {
                    slices.update(s.slices);
                }
                state.clear();
            });
        }
    }
}
