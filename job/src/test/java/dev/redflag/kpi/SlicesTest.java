package dev.redflag.kpi;

import dev.redflag.event.Event;
import dev.redflag.event.SessionEvent;
import dev.redflag.testing.OlderPojoState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.redflag.kpi.Events.T;
import static dev.redflag.kpi.Events.at;
import static dev.redflag.kpi.WindowedKpisTest.bounces;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slices a sliced KPI's values carry, on a hand-computed example: bounce rate of one page
 * sliced by channel and device, uncapped and under a cap of 2 and of 1 combinations, through the
 * extractor (events one by one, so first come is event order) and the window operator; the
 * combiner's merged contributions give the same slices; a sliding window keeps its own table.
 */
class SlicesTest {

    private static final List<WindowSpec> HOUR = List.of(WindowSpec.tumbling(Duration.ofHours(1)));

    /**
     * Six sessions of /p: paid-mobile bounced twice and stayed once, paid-desktop stayed,
     * organic-mobile stayed, organic-desktop bounced. 3 of 6 bounced: 0.5.
     */
    private static final List<Event> SIX = List.of(
            session("2026-11-24T10:01:00Z", "paid", "mobile", true),
            session("2026-11-24T10:02:00Z", "paid", "mobile", true),
            session("2026-11-24T10:03:00Z", "paid", "desktop", false),
            session("2026-11-24T10:04:00Z", "organic", "mobile", false),
            session("2026-11-24T10:05:00Z", "paid", "mobile", false),
            session("2026-11-24T10:06:00Z", "organic", "desktop", true));

    static SessionEvent session(String ts, String channel, String device, boolean bounced) {
        return new SessionEvent(at(ts), T, Map.of("device", device), "s-" + ts, "/p", channel, bounced ? 1 : 3, 30,
                false, 0);
    }

    private static KpiCatalog bounceSlicedBy(String maxSlices, String window) {
        return KpiDefinitions.parse("""
                seed:
                  bounce_rate:
                    windows: [%s]
                    slices: [channel, device]
                    max_slices: %s
                """.formatted(window, maxSlices), "kpis.yaml", HOUR);
    }

    private static List<KpiValue> bounceRates(KpiCatalog catalog, List<Contribution> in) throws Exception {
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(catalog, 0), Contribution::key,
                Contribution::ts)) {
            List<KpiValue> out = new ArrayList<>(run.send(in).watermark(Long.MAX_VALUE).drain());
            out.removeIf(v -> !v.kpi().equals("bounce_rate"));
            out.sort(Comparator.comparingLong(KpiValue::windowStart));
            return out;
        }
    }

    private static List<Contribution> oneByOne(KpiCatalog catalog, List<Event> events) {
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        List<Contribution> out = new ArrayList<>();
        events.forEach(e -> extractor.extract(e, out::add));
        return out;
    }

    private static KpiValue onlyBounce(KpiCatalog catalog, List<Event> events) throws Exception {
        List<KpiValue> values = bounceRates(catalog, oneByOne(catalog, events));
        assertThat(values).hasSize(1);
        KpiValue v = values.get(0);
        assertThat(v.value()).isEqualTo(0.5);
        assertEverySplitAddsUp(v);
        return v;
    }

    @Test
    void sixSessionsOverTwoChannelsAndTwoDevicesGiveEachSliceItsShare() throws Exception {
        assertThat(onlyBounce(bounceSlicedBy("32", "1h"), SIX).slices()).containsExactly(
                bounces("channel=paid", 2, 4),
                bounces("channel=organic", 1, 2),
                bounces("device=mobile", 2, 4),
                bounces("device=desktop", 1, 2),
                bounces("channel=paid,device=mobile", 2, 3),
                // equal volumes: by name
                bounces("channel=organic,device=desktop", 1, 1),
                bounces("channel=organic,device=mobile", 0, 1),
                bounces("channel=paid,device=desktop", 0, 1));
    }

    @Test
    void underACapOfTwoTheCombinationsSeenAfterTheFirstTwoAreOther() throws Exception {
        // paid-mobile and paid-desktop come first; organic-mobile (stayed) and organic-desktop (bounced) are other
        assertThat(onlyBounce(bounceSlicedBy("2", "1h"), SIX).slices()).containsExactly(
                bounces("channel=paid", 2, 4),
                bounces("channel=other", 1, 2),
                bounces("device=mobile", 2, 3),
                bounces("device=desktop", 0, 1),
                bounces("device=other", 1, 2),
                bounces("channel=paid,device=mobile", 2, 3),
                bounces("channel=paid,device=desktop", 0, 1),
                bounces("channel=other,device=other", 1, 2));
    }

    @Test
    void underACapOfOneEverythingButTheFirstCombinationIsOther() throws Exception {
        assertThat(onlyBounce(bounceSlicedBy("1", "1h"), SIX).slices()).containsExactly(
                bounces("channel=paid", 2, 3),
                bounces("channel=other", 1, 3),
                bounces("device=mobile", 2, 3),
                bounces("device=other", 1, 3),
                bounces("channel=paid,device=mobile", 2, 3),
                bounces("channel=other,device=other", 1, 3));
    }

    @Test
    void mergedContributionsGiveTheSameSlicesAsOneByOne() throws Exception {
        KpiCatalog catalog = bounceSlicedBy("32", "1h");
        ContributionCombiner combiner = new ContributionCombiner(catalog);
        SIX.forEach(combiner::add);
        List<Contribution> merged = new ArrayList<>();
        combiner.drain(merged::add);
        List<Contribution> bounce = merged.stream().filter(c -> KpiKeys.kpi(c.key()).equals("bounce_rate")).toList();
        // one per combination of channel and device: the three paid-mobile sessions are one
        assertThat(bounce).hasSize(4);
        assertThat(bounce).filteredOn(c -> c.slice().equals(SliceKey.of(List.of("paid", "mobile"))))
                .singleElement().extracting(Contribution::samples, Contribution::numerator)
                .containsExactly(3L, 2.0);
        assertThat(bounceRates(catalog, merged)).isEqualTo(bounceRates(catalog, oneByOne(catalog, SIX)));
    }

    @Test
    void aSlidingWindowKeepsTheSlicesOfItsOwnEventsAndItsOwnCap() throws Exception {
        List<Event> events = List.of(
                session("2026-11-24T10:10:00Z", "paid", "mobile", true),
                session("2026-11-24T11:10:00Z", "organic", "mobile", false),
                session("2026-11-24T11:20:00Z", "paid", "desktop", true));
        KpiCatalog catalog = bounceSlicedBy("1", "2h/1h");
        List<KpiValue> windows = bounceRates(catalog, oneByOne(catalog, events));
        assertThat(windows).extracting(KpiValue::windowStart).containsExactly(at("2026-11-24T09:00:00Z"),
                at("2026-11-24T10:00:00Z"), at("2026-11-24T11:00:00Z"));
        windows.forEach(SlicesTest::assertEverySplitAddsUp);
        assertThat(windows.get(0).slices()).containsExactly(bounces("channel=paid", 1, 1),
                bounces("device=mobile", 1, 1), bounces("channel=paid,device=mobile", 1, 1));
        // 10:00-12:00 holds all three; paid-mobile came first
        assertThat(windows.get(1).slices()).containsExactly(
                bounces("channel=paid", 1, 1), bounces("channel=other", 1, 2),
                bounces("device=mobile", 1, 1), bounces("device=other", 1, 2),
                bounces("channel=paid,device=mobile", 1, 1), bounces("channel=other,device=other", 1, 2));
        // 11:00-13:00 began with organic-mobile, so that is the one it keeps
        assertThat(windows.get(2).slices()).containsExactly(
                bounces("channel=organic", 0, 1), bounces("channel=other", 1, 1),
                bounces("device=mobile", 0, 1), bounces("device=other", 1, 1),
                bounces("channel=organic,device=mobile", 0, 1), bounces("channel=other,device=other", 1, 1));
    }

    @Test
    void anUnslicedKpiCarriesNoSlicesAndItsContributionsNoSliceKey() throws Exception {
        KpiCatalog catalog = KpiDefinitions.parse("seed:\n  bounce_rate:\n    slices: []\n", "kpis.yaml", HOUR);
        List<Contribution> in = oneByOne(catalog, SIX);
        assertThat(in).filteredOn(c -> KpiKeys.kpi(c.key()).equals("bounce_rate"))
                .allSatisfy(c -> assertThat(c.slice()).isSameAs(SliceKey.NONE));
        assertThat(bounceRates(catalog, in)).singleElement().satisfies(v -> assertThat(v.slices()).isEmpty());
    }

    @Test
    void aSliceKeyReadsBackWhateverItsValuesHold() {
        List<String> values = List.of("a,b=c", "", "\u001f" + "x".repeat(300));
        String key = SliceKey.of(values);
        assertThat(SliceKey.values(key, 3)).containsExactly(values.toArray(String[]::new));
        assertThat(SliceKey.values(key, 2)).isNull();
        assertThat(SliceKey.values(key, 4)).isNull();
        assertThat(SliceKey.of(List.of())).isEqualTo(SliceKey.NONE);
    }

    @Test
    void aWindowSavedBeforeSlicesOrForOtherSlicesEmitsNone() throws Exception {
        WindowAccumulator saved = new WindowAccumulator();
        saved.add(Aggregation.RATIO, 1, 1, 1, 0);
        WindowAccumulator restored = OlderPojoState.restore(WindowAccumulator.class, saved, "numerator",
                "denominator", "samples", "value", "valueTs", "numeratorSquares", "crossProducts",
                "denominatorSquares");
        assertThat(restored.slices).isNull();
        assertThat(SliceRollup.slices(List.of("channel"), restored.slices)).isEmpty();

        WindowAccumulator before = new WindowAccumulator();
        before.addSlice(List.of("channel"), 32, SliceKey.of(List.of("paid")), 1, 1, 1, 1, 1, 1);
        assertThat(SliceRollup.slices(List.of("channel"), before.slices)).containsExactly(bounces("channel=paid", 1, 1));
        // the KPI now slices by device: the window's table speaks of channels
        assertThat(SliceRollup.slices(List.of("device"), before.slices)).isEmpty();
    }

    /** Each dimension's and pair's slices add up to the value's own sums. */
    static void assertEverySplitAddsUp(KpiValue v) {
        Map<String, List<Slice>> byGroup = new java.util.LinkedHashMap<>();
        for (Slice s : v.slices()) {
            String group = s.name().replaceAll("=[^,]*", "");
            byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(s);
        }
        byGroup.forEach((group, slices) -> {
            assertThat(slices.stream().mapToDouble(Slice::numerator).sum()).as(group).isEqualTo(v.numerator());
            assertThat(slices.stream().mapToDouble(Slice::denominator).sum()).as(group).isEqualTo(v.denominator());
            assertThat(slices.stream().mapToLong(Slice::samples).sum()).as(group).isEqualTo(v.sample());
            assertThat(slices.stream().mapToDouble(Slice::denominatorSquares).sum()).as(group)
                    .isEqualTo(v.denominatorSquares());
        });
    }
}
