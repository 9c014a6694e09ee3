package dev.redflag.kpi;

import dev.redflag.event.EmailEvent;
import dev.redflag.event.Event;
import dev.redflag.event.WalletEvent;
import dev.redflag.testing.OlderPojoState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.redflag.kpi.Events.T;
import static dev.redflag.kpi.Events.adSpend;
import static dev.redflag.kpi.Events.at;
import static dev.redflag.kpi.Events.email;
import static dev.redflag.kpi.Events.nps;
import static dev.redflag.kpi.Events.order;
import static dev.redflag.kpi.Events.session;
import static dev.redflag.kpi.Events.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each windowed seed KPI on a small hand-computed example, through the extractor and the operator. */
class WindowedKpisTest {

    private static final WindowSpec HOUR = WindowSpec.tumbling(Duration.ofHours(1));
    private final KpiCatalog catalog = KpiCatalog.builtins(List.of(HOUR));

    private List<KpiValue> run(List<Event> events, long allowedLateness) throws Exception {
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(catalog, allowedLateness),
                Contribution::key, Contribution::ts)) {
            run.send(contributions(events)).watermark(Long.MAX_VALUE);
            List<KpiValue> out = new ArrayList<>(run.drain());
            out.sort(Comparator.comparing(KpiValue::kpi).thenComparing(v -> v.dims().toString()));
            return out;
        }
    }

    private List<Contribution> contributions(List<? extends Event> events) {
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        List<Contribution> out = new ArrayList<>();
        events.forEach(e -> extractor.extract(e, out::add));
        return out;
    }

    private static KpiValue only(List<KpiValue> values, String kpi) {
        List<KpiValue> matching = values.stream().filter(v -> v.kpi().equals(kpi)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    @Test
    void bounceRateIsSinglePageSessionsOverSessionsPerPage() throws Exception {
        List<KpiValue> out = run(List.of(
                session("2026-11-24T10:01:00Z", "/pricing", "seo", 1, false),
                session("2026-11-24T10:05:00Z", "/pricing", "seo", 3, false),
                session("2026-11-24T10:20:00Z", "/pricing", "ads", 1, false),
                session("2026-11-24T10:40:00Z", "/pricing", "ads", 2, true),
                session("2026-11-24T10:59:59Z", "/pricing", "seo", 5, false),
                session("2026-11-24T10:30:00Z", "/home", "seo", 1, false),
                session("2026-11-24T10:31:00Z", "/home", "seo", 2, false),
                session("2026-11-24T10:32:00Z", "/home", "seo", 2, false),
                session("2026-11-24T10:33:00Z", "/home", "seo", 2, false),
                session("2026-11-24T11:00:00Z", "/home", "seo", 1, false)), 0);

        List<KpiValue> withExamples = out.stream().filter(v -> v.kpi().equals("bounce_rate")).toList();
        // one example per bounced session (ExamplesTest checks which); the sums below without them
        assertThat(withExamples).extracting(v -> v.examples().series().size()).containsExactly(1, 1, 2);
        List<KpiValue> bounce = withExamples.stream().map(WindowedKpisTest::withoutExamples).toList();
        // sliced by channel and device (by default; these sessions send no device, so it is unknown)
        assertThat(bounce).containsExactly(
                new KpiValue("bounce_rate", "1h", Map.of("tenant", T, "page", "/home"),
                        at("2026-11-24T10:00:00Z"), at("2026-11-24T11:00:00Z"), 0.25, 1, 4, 4, 1, 1, 4,
                        List.of(bounces("channel=seo", 1, 4), bounces("device=unknown", 1, 4),
                                bounces("channel=seo,device=unknown", 1, 4))),
                new KpiValue("bounce_rate", "1h", Map.of("tenant", T, "page", "/home"),
                        at("2026-11-24T11:00:00Z"), at("2026-11-24T12:00:00Z"), 1.0, 1, 1, 1, 1, 1, 1,
                        List.of(bounces("channel=seo", 1, 1), bounces("device=unknown", 1, 1),
                                bounces("channel=seo,device=unknown", 1, 1))),
                new KpiValue("bounce_rate", "1h", Map.of("tenant", T, "page", "/pricing"),
                        at("2026-11-24T10:00:00Z"), at("2026-11-24T11:00:00Z"), 0.4, 2, 5, 5, 2, 2, 5,
                        List.of(bounces("channel=seo", 1, 3), bounces("channel=ads", 1, 2),
                                bounces("device=unknown", 2, 5),
                                bounces("channel=seo,device=unknown", 1, 3),
                                bounces("channel=ads,device=unknown", 1, 2))));
    }

    static KpiValue withoutExamples(KpiValue v) {
        return new KpiValue(v.kpi(), v.window(), v.dims(), v.windowStart(), v.windowEnd(), v.value(), v.numerator(),
                v.denominator(), v.sample(), v.numeratorSquares(), v.crossProducts(), v.denominatorSquares(),
                v.slices());
    }

    /** The slice of {@code sessions} sessions of which {@code bounced} bounced: a ∈ {0, 1}, b = 1, so Σa² = Σab = bounced. */
    static Slice bounces(String name, int bounced, int sessions) {
        return new Slice(name, bounced, sessions, sessions, bounced, bounced, sessions);
    }

    @Test
    void bounceRateOfThreeSessionsWithTwoBouncesCarriesTheirSecondMoments() throws Exception {
        // a = 1 per bounce, b = 1 per session: sum a^2 = bounces, sum ab = bounces, sum b^2 = sessions
        KpiValue bounce = only(run(List.of(
                session("2026-11-24T10:01:00Z", "/pricing", "seo", 1, false),
                session("2026-11-24T10:02:00Z", "/pricing", "seo", 4, false),
                session("2026-11-24T10:03:00Z", "/pricing", "seo", 1, false)), 0), "bounce_rate");
        assertThat(bounce).extracting(KpiValue::numeratorSquares, KpiValue::crossProducts,
                KpiValue::denominatorSquares).containsExactly(2.0, 2.0, 3.0);
    }

    @Test
    void conversionRateIsConvertedSessionsOverSessionsPerChannel() throws Exception {
        List<KpiValue> out = run(List.of(
                session("2026-11-24T10:01:00Z", "/a", "ads", 2, true),
                session("2026-11-24T10:02:00Z", "/b", "ads", 2, false),
                session("2026-11-24T10:03:00Z", "/c", "ads", 2, false),
                session("2026-11-24T10:04:00Z", "/d", "ads", 2, true)), 0);
        KpiValue conversion = only(out, "conversion_rate");
        assertThat(conversion.value()).isEqualTo(0.5);
        assertThat(conversion.dims()).containsEntry("channel", "ads");
        assertThat(conversion.numerator()).isEqualTo(2);
        assertThat(conversion.denominator()).isEqualTo(4);
    }

    @Test
    void npsOfSixPromotersTwoPassivesTwoDetractorsIsForty() throws Exception {
        List<Event> answers = new ArrayList<>();
        int[] scores = {9, 10, 9, 10, 9, 9, 7, 8, 3, 6};
        for (int i = 0; i < scores.length; i++) {
            answers.add(nps("2026-11-24T10:0" + i + ":00Z", scores[i]));
        }
        KpiValue nps = only(run(answers, 0), "nps");
        assertThat(nps.value()).isCloseTo(40.0, within(1e-9));
        assertThat(nps.numerator()).isEqualTo(4);
        assertThat(nps.denominator()).isEqualTo(10);
        assertThat(nps.sample()).isEqualTo(10);
        assertThat(nps.dims()).isEqualTo(Map.of("tenant", T, "segment", "smb"));
        // six promoters and two detractors: sum a^2 = 8, sum ab = 6 - 2, sum b^2 = 10
        assertThat(nps).extracting(KpiValue::numeratorSquares, KpiValue::crossProducts,
                KpiValue::denominatorSquares).containsExactly(8.0, 4.0, 10.0);
    }

    @Test
    void npsMomentsAreInContributionUnitsBeforeTheScale() throws Exception {
        // 10 and 9 promote (+1), 7 is passive (0), 3 detracts (-1); the value is 100 x 1 / 4
        KpiValue nps = only(run(List.of(nps("2026-11-24T10:00:00Z", 10), nps("2026-11-24T10:01:00Z", 9),
                nps("2026-11-24T10:02:00Z", 7), nps("2026-11-24T10:03:00Z", 3)), 0), "nps");
        assertThat(nps.value()).isEqualTo(25.0);
        // sum a^2 = 1 + 1 + 0 + 1, sum ab = +1 +1 +0 -1, sum b^2 = 4
        assertThat(nps).extracting(KpiValue::numeratorSquares, KpiValue::crossProducts,
                KpiValue::denominatorSquares).containsExactly(3.0, 1.0, 4.0);
    }

    @Test
    void adKpisCtrCpcAndCpaPerChannel() throws Exception {
        List<KpiValue> out = run(List.of(
                adSpend("2026-11-24T10:00:00Z", "ads", 120, 10_000, 300),
                adSpend("2026-11-24T10:30:00Z", "ads", 80, 10_000, 100),
                order("2026-11-24T10:10:00Z", "c1", 50, 20, "ads", true),
                order("2026-11-24T10:20:00Z", "c2", 70, 30, "ads", true),
                order("2026-11-24T10:25:00Z", "c3", 90, 30, "ads", false),
                order("2026-11-24T10:26:00Z", "c4", 90, 30, "ads", true),
                order("2026-11-24T10:27:00Z", "c5", 90, 30, "ads", true)), 0);
        assertThat(only(out, "ctr").value()).isEqualTo(400.0 / 20_000);
        assertThat(only(out, "cpc").value()).isEqualTo(0.5);
        KpiValue cpa = only(out, "cpa");
        assertThat(cpa.value()).isEqualTo(50.0);
        assertThat(cpa.numerator()).isEqualTo(200);
        assertThat(cpa.denominator()).isEqualTo(4);
    }

    @Test
    void cpaCostsAndNewCustomersComeFromDifferentEventsSoTheyHaveNoCrossProducts() throws Exception {
        KpiValue cpa = only(run(List.of(
                adSpend("2026-11-24T10:00:00Z", "ads", 3, 100, 1),
                adSpend("2026-11-24T10:30:00Z", "ads", 4, 100, 1),
                order("2026-11-24T10:10:00Z", "c1", 50, 20, "ads", true),
                order("2026-11-24T10:20:00Z", "c2", 70, 30, "ads", false)), 0), "cpa");
        assertThat(cpa.value()).isEqualTo(7.0);
        // sum a^2 = 3^2 + 4^2, sum b^2 = one new customer; no event adds to both sides
        assertThat(cpa).extracting(KpiValue::numeratorSquares, KpiValue::crossProducts,
                KpiValue::denominatorSquares).containsExactly(25.0, 0.0, 1.0);
    }

    @Test
    void sumsCountsAndMeansCarryTheirMomentsMinMaxAndLastDoNot() throws Exception {
        KpiCatalog custom = KpiDefinitions.parse("""
                custom:
                  - {name: revenue, kind: sum, event: order, field: amount, by: [tenant]}
                  - {name: orders, kind: count, event: order, by: [tenant]}
                  - {name: basket, kind: mean, event: order, field: amount, by: [tenant]}
                  - {name: biggest_order, kind: max, event: order, field: amount, by: [tenant]}
                """, "kpis.yaml", List.of(HOUR));
        ContributionExtractor extractor = new ContributionExtractor(custom);
        List<Contribution> in = new ArrayList<>();
        extractor.extract(order("2026-11-24T10:10:00Z", "c1", 10, 2, "ads", false), in::add);
        extractor.extract(order("2026-11-24T10:20:00Z", "c2", 20, 5, "ads", true), in::add);
        List<KpiValue> out;
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(custom, 0),
                Contribution::key, Contribution::ts)) {
            out = run.send(in).watermark(Long.MAX_VALUE).drain();
        }
        // a = amount, b = 1 per order: sum a^2 = 100 + 400, sum ab = 30, sum b^2 = 2
        assertThat(only(out, "revenue")).extracting(KpiValue::value, KpiValue::numeratorSquares,
                KpiValue::crossProducts, KpiValue::denominatorSquares).containsExactly(30.0, 500.0, 30.0, 2.0);
        assertThat(only(out, "basket")).extracting(KpiValue::value, KpiValue::numeratorSquares,
                KpiValue::crossProducts, KpiValue::denominatorSquares).containsExactly(15.0, 500.0, 30.0, 2.0);
        // a count's a is 1 per event: every moment is the count
        assertThat(only(out, "orders")).extracting(KpiValue::value, KpiValue::numeratorSquares,
                KpiValue::crossProducts, KpiValue::denominatorSquares).containsExactly(2.0, 2.0, 2.0, 2.0);
        KpiValue biggest = only(out, "biggest_order");
        assertThat(biggest.value()).isEqualTo(20.0);
        assertThat(List.of(biggest.numeratorSquares(), biggest.crossProducts(), biggest.denominatorSquares()))
                .allMatch(d -> Double.isNaN(d));
    }

    @Test
    void emailOpenAndClickRatesAreOverDelivered() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(email("2026-11-24T10:00:00Z", EmailEvent.Action.SENT));
            events.add(email("2026-11-24T10:01:00Z", EmailEvent.Action.DELIVERED));
        }
        for (int i = 0; i < 5; i++) {
            events.add(email("2026-11-24T10:10:00Z", EmailEvent.Action.OPEN));
        }
        events.add(email("2026-11-24T10:20:00Z", EmailEvent.Action.CLICK));
        List<KpiValue> out = run(events, 0);
        assertThat(only(out, "email_open_rate").value()).isEqualTo(0.25);
        assertThat(only(out, "email_click_rate").value()).isEqualTo(0.05);
    }

    @Test
    void walletRatiosNgrToBetsAndBetsToDeposits() throws Exception {
        List<KpiValue> out = run(List.of(
                wallet("2026-11-24T10:00:00Z", WalletEvent.Action.DEPOSIT, 500),
                wallet("2026-11-24T10:05:00Z", WalletEvent.Action.BET, 300),
                wallet("2026-11-24T10:06:00Z", WalletEvent.Action.BET, 100),
                wallet("2026-11-24T10:07:00Z", WalletEvent.Action.WIN, 250),
                wallet("2026-11-24T10:08:00Z", WalletEvent.Action.BONUS, 50),
                wallet("2026-11-24T10:09:00Z", WalletEvent.Action.WITHDRAWAL, 400)), 0);
        // NGR = 400 - 250 - 50 = 100 on 400 bet; 400 bet on 500 deposited
        assertThat(only(out, "ngr_to_bets").value()).isEqualTo(0.25);
        assertThat(only(out, "bets_to_deposits").value()).isEqualTo(0.8);
    }

    @Test
    void slidingWindowCountsAnEventInEveryWindowThatCoversIt() throws Exception {
        KpiCatalog sliding = KpiCatalog.builtins(List.of(
                new WindowSpec(Duration.ofHours(2), Duration.ofHours(1))));
        ContributionExtractor extractor = new ContributionExtractor(sliding);
        List<Contribution> in = new ArrayList<>();
        extractor.extract(session("2026-11-24T10:30:00Z", "/p", "seo", 1, false), in::add);
        extractor.extract(session("2026-11-24T11:30:00Z", "/p", "seo", 2, false), in::add);
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(sliding, 0),
                Contribution::key, Contribution::ts)) {
            run.send(in.stream().filter(c -> KpiKeys.kpi(c.key()).equals("bounce_rate")).toList());
            run.watermark(at("2026-11-24T10:59:59.999Z"));
            assertThat(run.drain()).extracting(KpiValue::windowStart, KpiValue::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2026-11-24T09:00:00Z"), 1.0));
            run.watermark(at("2026-11-24T11:59:59.999Z"));
            assertThat(run.drain()).extracting(KpiValue::windowStart, KpiValue::value, KpiValue::window)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2026-11-24T10:00:00Z"), 0.5, "2h/1h"));
            run.watermark(at("2026-11-24T12:59:59.999Z"));
            assertThat(run.drain()).extracting(KpiValue::windowStart, KpiValue::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2026-11-24T11:00:00Z"), 0.0));
        }
    }

    @Test
    void lateContributionWithinAllowedLatenessReEmitsTheWindowThenStateIsDropped() throws Exception {
        long lateness = Duration.ofMinutes(10).toMillis();
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        List<Contribution> first = new ArrayList<>();
        extractor.extract(session("2026-11-24T10:10:00Z", "/p", "seo", 1, false), first::add);
        List<Contribution> late = new ArrayList<>();
        extractor.extract(session("2026-11-24T10:50:00Z", "/p", "seo", 3, false), late::add);
        List<Contribution> tooLate = new ArrayList<>();
        extractor.extract(session("2026-11-24T10:55:00Z", "/p", "seo", 3, false), tooLate::add);
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(catalog, lateness),
                Contribution::key, Contribution::ts)) {
            run.send(bounce(first)).watermark(at("2026-11-24T11:05:00Z"));
            assertThat(run.drain()).extracting(KpiValue::value).containsExactly(1.0);
            run.send(bounce(late));
            assertThat(run.drain()).extracting(KpiValue::value, KpiValue::denominator, KpiValue::numeratorSquares,
                            KpiValue::denominatorSquares)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0.5, 2.0, 1.0, 2.0));
            run.watermark(at("2026-11-24T11:10:00Z"));
            assertThat(run.drain()).isEmpty();
            assertThat(run.harness().numKeyedStateEntries()).isZero();
            run.send(bounce(tooLate));
            assertThat(run.drain()).isEmpty();
            assertThat(run.harness().numKeyedStateEntries()).isZero();
        }
    }

    /**
     * An open window holds one timer, its end: the end's timer registers the cleanup, so the million
     * windows of a million sparse series are a million timers in state, not two million. A watermark
     * that jumps past a window's end and its lateness at once still emits it and drops it.
     */
    @Test
    void anOpenWindowHoldsOnlyItsEndTimerAndFiringItRegistersTheCleanup() throws Exception {
        long lateness = Duration.ofMinutes(10).toMillis();
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        List<Contribution> open = new ArrayList<>();
        extractor.extract(session("2026-11-24T10:10:00Z", "/p", "seo", 1, false), open::add);
        extractor.extract(session("2026-11-24T10:20:00Z", "/q", "seo", 3, false), open::add);
        List<Contribution> next = new ArrayList<>();
        extractor.extract(session("2026-11-24T11:30:00Z", "/r", "seo", 1, false), next::add);
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(catalog, lateness),
                Contribution::key, Contribution::ts)) {
            run.send(bounce(open));
            assertThat(run.harness().numEventTimeTimers()).isEqualTo(2);
            run.watermark(at("2026-11-24T11:05:00Z"));
            assertThat(run.drain()).extracting(v -> v.dims().get("page"), KpiValue::value)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/p", 1.0),
                            org.assertj.core.groups.Tuple.tuple("/q", 0.0));
            assertThat(run.harness().numEventTimeTimers()).isEqualTo(2);
            assertThat(run.harness().numKeyedStateEntries()).isEqualTo(2);
            run.send(bounce(next));
            assertThat(run.harness().numEventTimeTimers()).isEqualTo(3);
            run.watermark(at("2026-11-24T13:00:00Z"));
            assertThat(run.drain()).extracting(v -> v.dims().get("page"), KpiValue::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("/r", 1.0));
            assertThat(run.harness().numEventTimeTimers()).isZero();
            assertThat(run.harness().numKeyedStateEntries()).isZero();
        }
    }

    /**
     * SlackOutageIT's lost windows: a partition that counted as idle comes back behind another that
     * moved the watermark on by an hour; the gate let its events in (against its own subtask's
     * watermark), the window operator finds their window expired. They are dropped, and counted.
     */
    @Test
    void aContributionWhoseWindowExpiredHereIsDroppedAndCounted() throws Exception {
        long lateness = Duration.ofMinutes(1).toMillis();
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        List<Contribution> home = new ArrayList<>();
        extractor.extract(session("2026-11-20T11:00:05Z", "/home", "seo", 2, false), home::add);
        List<Contribution> pricing = new ArrayList<>();
        extractor.extract(session("2026-11-20T11:01:00Z", "/pricing", "seo", 3, false), pricing::add);
        extractor.extract(session("2026-11-20T11:02:00Z", "/pricing", "seo", 1, false), pricing::add);
        List<String> dropped = new ArrayList<>();
        ExpiredContributions.Factory counting = () -> new ExpiredContributions() {
            @Override
            public void dropped(String kpi) {
                dropped.add(kpi);
            }

            @Override
            public void close() {
            }
        };
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(catalog, lateness, counting),
                Contribution::key, Contribution::ts)) {
            run.send(bounce(home)).watermark(at("2026-11-20T12:09:58.999Z"));
            assertThat(run.drain()).extracting(KpiValue::dims, KpiValue::windowStart, KpiValue::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Map.of("tenant", "acme", "page", "/home"),
                            at("2026-11-20T11:00:00Z"), 0.0));
            run.send(bounce(pricing));
            assertThat(run.drain()).isEmpty();
            assertThat(run.harness().numKeyedStateEntries()).isZero();
            assertThat(dropped).containsExactly("bounce_rate", "bounce_rate");
        }
    }

    @Test
    void aWindowRestoredFromBeforeTheMomentsKeepsThemUnknownToItsEnd() throws Exception {
        WindowAccumulator saved = new WindowAccumulator();
        saved.add(Aggregation.RATIO, 1, 1, 1, 1);
        WindowAccumulator restored = OlderPojoState.restore(WindowAccumulator.class, saved,
                "numerator", "denominator", "samples", "value", "valueTs");
        assertThat(restored.numerator).isEqualTo(1);
        assertThat(restored.samples).isEqualTo(1);
        restored.add(Aggregation.RATIO, 2, 0, 1, 0);
        // moments of only the events after the restore would understate the variance
        assertThat(restored.denominator).isEqualTo(2);
        assertThat(List.of(restored.numeratorSquares, restored.crossProducts, restored.denominatorSquares))
                .allMatch(d -> Double.isNaN(d));
        // a window begun after the restore has them
        WindowAccumulator fresh = new WindowAccumulator();
        fresh.add(Aggregation.RATIO, 2, 0, 1, 0);
        fresh.add(Aggregation.RATIO, 3, 3, 2, 0);
        assertThat(List.of(fresh.numeratorSquares, fresh.crossProducts, fresh.denominatorSquares))
                .containsExactly(9.0, 6.0, 5.0);
    }

    private static List<Contribution> bounce(List<Contribution> in) {
        return in.stream().filter(c -> KpiKeys.kpi(c.key()).equals("bounce_rate")).toList();
    }
}
