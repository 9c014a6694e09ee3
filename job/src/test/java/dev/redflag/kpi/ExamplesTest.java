package dev.redflag.kpi;

import dev.redflag.event.Event;
import dev.redflag.event.NpsEvent;
import dev.redflag.event.SessionEvent;
import dev.redflag.testing.OlderPojoState;
import dev.redflag.yaml.ConfigException;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.redflag.kpi.Events.T;
import static dev.redflag.kpi.Events.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The examples a KPI's windows keep, on hand-made sessions: exactly the latest {@code max} events
 * that match {@code when}, by event time whatever their arrival order, per series and per slice
 * combination; the same through the combiner as one by one; none stored under {@code ids: omit};
 * a window saved before examples restores without them.
 */
class ExamplesTest {

    private static final List<WindowSpec> HOUR = List.of(WindowSpec.tumbling(Duration.ofHours(1)));

    /** A session of /p at minute {@code minute} of 10:00; id s{minute}. */
    private static SessionEvent session(int minute, String channel, String device, boolean bounced) {
        return new SessionEvent(at("2026-11-24T10:00:00Z") + minute * 60_000L, T, Map.of("device", device),
                "s" + minute, "/p", channel, bounced ? 1 : 3, 30, false, 0);
    }

    /**
     * Arrival order is not time order. Bounced: s5 paid/mobile, s40 organic/desktop, s12 paid/mobile,
     * s33 paid/desktop, s50 paid/mobile, s20 organic/mobile; s55 and s45 did not bounce.
     */
    private static final List<Event> SESSIONS = List.of(
            session(5, "paid", "mobile", true),
            session(40, "organic", "desktop", true),
            session(55, "paid", "mobile", false),
            session(12, "paid", "mobile", true),
            session(33, "paid", "desktop", true),
            session(50, "paid", "mobile", true),
            session(45, "organic", "mobile", false),
            session(20, "organic", "mobile", true));

    private static KpiCatalog bounce(String examples) {
        return KpiDefinitions.parse("""
                seed:
                  bounce_rate:
                    windows: [1h]
                    examples: %s
                """.formatted(examples), "kpis.yaml", HOUR);
    }

    private static KpiValue bounceRate(KpiCatalog catalog, List<Contribution> in) throws Exception {
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(catalog, 0), Contribution::key,
                Contribution::ts)) {
            List<KpiValue> out = new ArrayList<>(run.send(in).watermark(Long.MAX_VALUE).drain());
            out.removeIf(v -> !v.kpi().equals("bounce_rate"));
            assertThat(out).hasSize(1);
            return out.get(0);
        }
    }

    private static List<Contribution> oneByOne(KpiCatalog catalog, List<Event> events) {
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        List<Contribution> out = new ArrayList<>();
        events.forEach(e -> extractor.extract(e, out::add));
        return out;
    }

    /** Through the combiner, flushed after every {@code every} events, as the job flushes now and then. */
    private static List<Contribution> combined(KpiCatalog catalog, List<Event> events, int every) {
        ContributionCombiner combiner = new ContributionCombiner(catalog);
        List<Contribution> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            combiner.add(events.get(i));
            if ((i + 1) % every == 0) {
                combiner.drain(out::add);
            }
        }
        combiner.drain(out::add);
        return out;
    }

    private static List<String> ids(List<Example> examples) {
        return examples.stream().map(Example::id).toList();
    }

    @Test
    void aWindowKeepsExactlyTheLatestMaxMatchingEvents() throws Exception {
        KpiCatalog catalog = bounce("{max: 3, ids: plain}");
        KpiValue one = bounceRate(catalog, oneByOne(catalog, SESSIONS));
        // six bounced; the latest three by event time are s50, s40, s33; s55 is later but did not bounce
        assertThat(ids(one.examples().series())).containsExactly("s50", "s40", "s33");
        assertThat(one.examples().series().get(0).fields()).containsExactly(
                ExampleField.text("channel", "paid"), ExampleField.text("device", "mobile"));
        assertThat(one.examples().series().get(0).ts()).isEqualTo(at("2026-11-24T10:50:00Z"));

        for (int every : new int[] {1, 3, 8}) {
            assertThat(bounceRate(catalog, combined(catalog, SESSIONS, every)).examples())
                    .as("combined, flushed every %d events", every).isEqualTo(one.examples());
        }
    }

    @Test
    void eachSliceCombinationKeepsItsOwnLatestAndASliceGathersItsCombinations() throws Exception {
        KpiValue v = bounceRate(bounce("{max: 2, ids: plain}"), oneByOne(bounce("{max: 2, ids: plain}"), SESSIONS));
        assertThat(v.examples().combinations()).containsOnlyKeys("channel=paid,device=mobile",
                "channel=paid,device=desktop", "channel=organic,device=mobile", "channel=organic,device=desktop");
        assertThat(ids(v.examples().combinations().get("channel=paid,device=mobile"))).containsExactly("s50", "s12");
        assertThat(ids(v.examples().ofSlice("channel=paid", 2))).containsExactly("s50", "s33");
        assertThat(ids(v.examples().ofSlice("device=mobile", 2))).containsExactly("s50", "s20");
        assertThat(ids(v.examples().ofSlice("channel=organic,device=desktop", 2))).containsExactly("s40");
        assertThat(ids(v.examples().ofSeries(1))).containsExactly("s50");
    }

    @Test
    void combinationsBeyondTheSliceCapShareOthersExamples() throws Exception {
        KpiCatalog catalog = KpiDefinitions.parse("""
                seed:
                  bounce_rate:
                    windows: [1h]
                    max_slices: 1
                    examples: {max: 5, ids: plain}
                """, "kpis.yaml", HOUR);
        KpiValue v = bounceRate(catalog, oneByOne(catalog, SESSIONS));
        // paid/mobile came first and is kept; every other combination is summed into other
        assertThat(ids(v.examples().combinations().get("channel=paid,device=mobile"))).containsExactly("s50", "s12",
                "s5");
        assertThat(ids(v.examples().combinations().get("channel=other,device=other"))).containsExactly("s40", "s33",
                "s20");
    }

    @Test
    void omitStoresNoIdsAndFalseTurnsTheDefaultOff() throws Exception {
        KpiCatalog omit = bounce("{max: 2, ids: omit, show: [channel]}");
        KpiValue v = bounceRate(omit, oneByOne(omit, SESSIONS));
        assertThat(v.examples().series()).containsExactly(
                new Example(at("2026-11-24T10:50:00Z"), null, List.of(ExampleField.text("channel", "paid"))),
                new Example(at("2026-11-24T10:40:00Z"), null, List.of(ExampleField.text("channel", "organic"))));

        KpiCatalog off = bounce("false");
        assertThat(bounceRate(off, oneByOne(off, SESSIONS)).examples()).isEqualTo(Examples.NONE);
    }

    @Test
    void theSeedDefaultsPickTheEventsThatShowTheProblem() {
        KpiCatalog seed = KpiCatalog.builtins(HOUR);
        ExampleSpec bounce = seed.spec("bounce_rate").examples();
        assertThat(bounce.id()).isEqualTo("session_id");
        assertThat(bounce.ids()).isEqualTo(IdPolicy.HASH);
        assertThat(bounce.idsDeclared()).isFalse();
        assertThat(bounce.max()).isEqualTo(5);
        assertThat(bounce.when().test(session(1, "paid", "mobile", true))).isTrue();
        assertThat(bounce.when().test(session(1, "paid", "mobile", false))).isFalse();

        ExampleSpec nps = seed.spec("nps").examples();
        NpsEvent detractor = new NpsEvent(0, T, Map.of(), "r1", 6, "smb", "app");
        NpsEvent passive = new NpsEvent(0, T, Map.of(), "r2", 7, "smb", "app");
        assertThat(nps.when().test(detractor)).isTrue();
        assertThat(nps.when().test(passive)).isFalse();
        assertThat(nps.example(detractor)).isEqualTo(new Example(0, "r1",
                List.of(ExampleField.number("score", 6), ExampleField.text("product", "app"))));

        ExampleSpec conversion = seed.spec("conversion_rate").examples();
        assertThat(conversion.when().test(session(1, "paid", "mobile", true))).as("did not convert").isTrue();
    }

    @Test
    void aCustomRatioSamplesItsDenominatorsEventsOnce() throws Exception {
        KpiCatalog catalog = KpiDefinitions.parse("""
                custom:
                  - name: long_bounce
                    kind: ratio
                    numerator: {event: session, where: {pageviews: 1}}
                    denominator: {event: session}
                    examples: {id: session_id, when: {pageviews: 1}, show: [channel, pageviews], ids: plain, max: 2}
                """, "kpis.yaml", HOUR);
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(catalog, 0), Contribution::key,
                Contribution::ts)) {
            List<KpiValue> out = run.send(oneByOne(catalog, SESSIONS)).watermark(Long.MAX_VALUE).drain();
            KpiValue v = out.stream().filter(x -> x.kpi().equals("long_bounce")).findFirst().orElseThrow();
            // each bounced session feeds both sides; it is one example, not two
            assertThat(v.examples().series()).containsExactly(
                    new Example(at("2026-11-24T10:50:00Z"), "s50",
                            List.of(ExampleField.text("channel", "paid"), ExampleField.number("pageviews", 1))),
                    new Example(at("2026-11-24T10:40:00Z"), "s40",
                            List.of(ExampleField.text("channel", "organic"), ExampleField.number("pageviews", 1))));
        }
    }

    @Test
    void theLatestKeepsTheNewestByTimeAndTheLastAddedOfATie() {
        Latest<String> latest = new Latest<>(3);
        latest.add(10, "a");
        latest.add(30, "b");
        latest.add(20, "c");
        latest.add(5, "too old");
        latest.add(40, "d");
        latest.add(20, "e"); // ties c, the oldest kept: the later arrival wins
        assertThat(latest.newestFirst()).containsExactly("d", "b", "e");
        assertThat(latest.size()).isEqualTo(3);
    }

    @Test
    void aWindowSavedBeforeExamplesRestoresWithoutThemAndATableRoundTrips() throws Exception {
        WindowAccumulator saved = new WindowAccumulator();
        saved.add(Aggregation.RATIO, 1, 1, 1, 0);
        WindowAccumulator restored = OlderPojoState.restore(WindowAccumulator.class, saved, "numerator",
                "denominator", "samples", "value", "valueTs", "numeratorSquares", "crossProducts",
                "denominatorSquares", "slices");
        assertThat(restored.examples).isNull();
        assertThat(restored.numerator).isEqualTo(1);

        TypeSerializer<WindowAccumulator> serializer = TypeInformation.of(WindowAccumulator.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        WindowAccumulator acc = new WindowAccumulator();
        List<String> dims = List.of("channel");
        String paid = SliceKey.of(List.of("paid"));
        acc.addSlice(dims, 32, paid, 1, 1, 1, 1, 1, 1);
        acc.addExamples(2, dims, paid, List.of(new Example(3, "x", List.of(ExampleField.number("mrr", 49))),
                new Example(1, null, List.of()), new Example(2, "y", List.of(ExampleField.text("plan", "pro")))));
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(acc, out);
        WindowAccumulator back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        Examples expected = new Examples(
                List.of(new Example(3, "x", List.of(ExampleField.number("mrr", 49))),
                        new Example(2, "y", List.of(ExampleField.text("plan", "pro")))),
                Map.of("channel=paid", List.of(new Example(3, "x", List.of(ExampleField.number("mrr", 49))),
                        new Example(2, "y", List.of(ExampleField.text("plan", "pro"))))));
        assertThat(back.examples.toExamples(dims)).isEqualTo(expected);
        // a copy does not share the buffers
        WindowAccumulator copy = serializer.copy(acc);
        acc.addExamples(2, dims, paid, List.of(new Example(9, "z", List.of())));
        assertThat(copy.examples.toExamples(dims)).isEqualTo(expected);
        // the KPI now slices by device: the combinations are not named with the wrong dimension
        assertThat(back.examples.toExamples(List.of("device")).combinations()).isEmpty();
    }

    @Test
    void anExamplesBlockIsCheckedWithPositions() {
        assertThatThrownBy(() -> KpiDefinitions.parse("""
                seed:
                  bounce_rate:
                    examples: {id: visitor, max: 50, ids: secret, shown: [x]}
                  nps:
                    examples: {show: [scroe, id]}
                  retention_rate:
                    examples: {id: customer_id}
                custom:
                  - name: orders
                    kind: count
                    event: order
                    examples: {when: {amount: {gte: 100}}}
                """, "kpis.yaml", HOUR))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "kpis.yaml:3:20: seed.bounce_rate.examples.id: 'visitor' is not a field of session events; IDs there: session_id",
                        "kpis.yaml:3:43: seed.bounce_rate.examples.ids: expected hash (a keyed hash of the ID), omit (no ID) or plain (the ID itself)",
                        "kpis.yaml:3:51: seed.bounce_rate.examples.shown: unknown key 'shown'; did you mean 'show'?",
                        "kpis.yaml:5:22: seed.nps.examples.show: 'scroe' is not a field of nps events; did you mean 'score'? (write dims.scroe for a dim of that name)",
                        "kpis.yaml:5:22: seed.nps.examples.show: 'id' names what every example shows already (id, at, age); write dims.id for a dim of that name",
                        "kpis.yaml:7:15: seed.retention_rate.examples: retention_rate is computed by the customer ledger, which keeps no examples for it; examples are for KPIs computed from events in windows, mql_to_sql_rate and churn_rate",
                        "kpis.yaml:12:15: custom[0].examples: examples need 'id', the field that identifies each event (e.g. session_id), unless ids: omit"));
    }

    /**
     * The documented cost: a bounce example with an 8-character ID, channel=paid and device=mobile is
     * 13 + 9 + 14 + 15 = 51 bytes; an unsliced window with five of them 75 + 13 + 255.
     */
    @Test
    void anUnslicedWindowWithFiveBounceExamplesIs343Bytes() throws Exception {
        TypeSerializer<WindowAccumulator> serializer = TypeInformation.of(WindowAccumulator.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        WindowAccumulator acc = new WindowAccumulator();
        acc.add(Aggregation.RATIO, 1, 1, 1, 0);
        List<Example> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new Example(i, "s-00000" + i, List.of(ExampleField.text("channel", "paid"),
                    ExampleField.text("device", "mobile"))));
        }
        acc.addExamples(5, List.of(), SliceKey.NONE, five);
        DataOutputSerializer out = new DataOutputSerializer(512);
        serializer.serialize(acc, out);
        assertThat(out.length()).isEqualTo(343);
    }
}
