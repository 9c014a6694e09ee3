package dev.redflag.alert;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.Slice;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleLoader;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's case through the per-series step: bounce on a page of 144 sessions an hour goes from
 * 0.40 to 0.90 for four hours, but only for paid traffic on mobile (a sixth of the sessions), so
 * the page moves from 0.40 to 0.48. Judged on its slices, the rule fires on the page with the pair
 * named; its "why" says what explains the rise.
 */
class SliceAlertsTest {

    private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int BASELINE_HOURS = 21 * 24;
    private static final int INCIDENT_START = BASELINE_HOURS + 10;
    private static final int INCIDENT_HOURS = 4;
    /** Sessions an hour per channel and device: paid is a third, mobile a half. */
    private static final Map<String, Integer> CELLS = new java.util.TreeMap<>(Map.of(
            "paid/mobile", 24, "paid/desktop", 24, "organic/mobile", 48, "organic/desktop", 48));

    private static String rules(String slices) {
        return """
                groups:
                  - name: web
                    rules:
                      - alert: BounceRateRising
                        kpi: bounce_rate
                        window: auto
                        when: {shift: rise, percent: 20%s}
                        keep_firing_for: 1h
                        severity: warning
                        annotations:
                          summary: "{{#firing}}Bounce on {{page}} rose{{/firing}}"
                """.formatted(slices);
    }

    private final KpiCatalog catalog = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));
    /** The seed KPIs with bounce_rate's examples shown plainly, three at most. */
    private final KpiCatalog plainExamples = dev.redflag.kpi.KpiDefinitions.parse("""
            seed:
              bounce_rate:
                windows: [1h]
                examples: {ids: plain, max: 3}
            """, "kpis.yaml", List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private List<AlertEvent> run(String slices, long seed) throws Exception {
        return run(slices, seed, Map.of("paid/mobile", 0.9));
    }

    /** {@code incident}: the bounce rate of the cells that change during the incident; the others stay at 0.40. */
    private List<AlertEvent> run(String slices, long seed, Map<String, Double> incident) throws Exception {
        return run(catalog, slices, seed, incident);
    }

    private List<AlertEvent> run(KpiCatalog catalog, String slices, long seed, Map<String, Double> incident)
            throws Exception {
        boolean examples = catalog.spec("bounce_rate").examples().ids() == dev.redflag.kpi.IdPolicy.PLAIN;
        ActiveRules active = new ActiveRules(RuleLoader.parse(rules(slices), "web.yaml", catalog), catalog);
        SeriesStep step = new SeriesStep(AlertLifecycle.DEFAULT);
        SeriesInMemory series = new SeriesInMemory();
        Well19937c random = new Well19937c(seed);
        List<AlertEvent> events = new ArrayList<>();
        for (int hour = 0; hour < INCIDENT_START + INCIDENT_HOURS + 6; hour++) {
            boolean during = hour >= INCIDENT_START && hour < INCIDENT_START + INCIDENT_HOURS;
            KpiValue value = hourOfBounce(hour, during ? incident : Map.of(), random);
            events.addAll(step.value(active, series, examples ? withExamples(value, hour) : value));
        }
        return events;
    }

    /** A series in memory that counts the looks for its history and slice baseline. */
    private static final class CountingSeries implements SeriesStep.Series {
        final SeriesInMemory inner = new SeriesInMemory();
        int historyReads;
        int sliceReads;

        @Override
        public KpiValue last() {
            return inner.last();
        }

        @Override
        public void last(KpiValue value) {
            inner.last(value);
        }

        @Override
        public dev.redflag.rules.eval.SeriesHistory history() {
            historyReads++;
            return inner.history();
        }

        @Override
        public void history(dev.redflag.rules.eval.SeriesHistory history) {
            inner.history(history);
        }

        @Override
        public dev.redflag.rules.eval.SliceBaseline slices() {
            sliceReads++;
            return inner.slices();
        }

        @Override
        public void slices(dev.redflag.rules.eval.SliceBaseline slices) {
            inner.slices(slices);
        }

        @Override
        public SeriesAlerts.States alerts() {
            return inner.alerts();
        }
    }

    @Test
    void aSeriesFirstValueWritesItsHistoryAndSliceBaselineWithoutLookingForThem() throws Exception {
        ActiveRules active = new ActiveRules(RuleLoader.parse(rules(SLICED), "web.yaml",
                catalog), catalog);
        SeriesStep step = new SeriesStep(AlertLifecycle.DEFAULT);
        CountingSeries series = new CountingSeries();
        Well19937c random = new Well19937c(1);

        step.value(active, series, hourOfBounce(0, Map.of(), random));
        assertThat(series.historyReads).isZero();
        assertThat(series.sliceReads).isZero();
        assertThat(series.inner.history().size()).isEqualTo(1);
        assertThat(series.inner.slices()).isNotNull();

        step.value(active, series, hourOfBounce(1, Map.of(), random));
        assertThat(series.historyReads).isEqualTo(1);
        assertThat(series.sliceReads).isEqualTo(1);
        assertThat(series.inner.history().size()).isEqualTo(2);
    }

    private static KpiValue hourOfBounce(int hour, Map<String, Double> rates, Well19937c random) {
        Map<String, int[]> cells = new java.util.TreeMap<>();
        CELLS.forEach((cell, sessions) -> {
            double p = rates.getOrDefault(cell, 0.4);
            int bounced = new BinomialDistribution(random, sessions, p).sample();
            cells.put(cell, new int[] {bounced, sessions});
        });
        List<Slice> slices = new ArrayList<>();
        for (String channel : List.of("organic", "paid")) {
            slices.add(slice("channel=" + channel, cells, c -> c.startsWith(channel + "/")));
        }
        for (String device : List.of("desktop", "mobile")) {
            slices.add(slice("device=" + device, cells, c -> c.endsWith("/" + device)));
        }
        cells.keySet().forEach(cell -> {
            String[] cd = cell.split("/");
            slices.add(slice("channel=" + cd[0] + ",device=" + cd[1], cells, cell::equals));
        });
        int bounced = cells.values().stream().mapToInt(c -> c[0]).sum();
        int sessions = cells.values().stream().mapToInt(c -> c[1]).sum();
        long start = T0 + hour * HOUR;
        return new KpiValue("bounce_rate", "1h", Map.of("page", "/pricing", "tenant", "acme"), start, start + HOUR,
                (double) bounced / sessions, bounced, sessions, sessions, bounced, bounced, sessions, slices);
    }

    /**
     * The value with four examples per cell, as its window would keep them: example k (0..3) of the
     * cell at index c (organic/desktop, organic/mobile, paid/desktop, paid/mobile) at minute
     * 10k + c of the hour, named {@code h<hour>-<cell>-<k>}.
     */
    private static KpiValue withExamples(KpiValue v, int hour) {
        List<dev.redflag.kpi.Example> series = new ArrayList<>();
        Map<String, List<dev.redflag.kpi.Example>> combinations = new java.util.HashMap<>();
        List<String> cells = new ArrayList<>(CELLS.keySet());
        for (int c = 0; c < cells.size(); c++) {
            String[] cd = cells.get(c).split("/");
            List<dev.redflag.kpi.Example> own = new ArrayList<>();
            for (int k = 3; k >= 0; k--) {
                own.add(new dev.redflag.kpi.Example(v.windowStart() + (10 * k + c) * 60_000L,
                        "h" + hour + "-" + cells.get(c) + "-" + k,
                        List.of(dev.redflag.kpi.ExampleField.text("channel", cd[0]))));
            }
            series.addAll(own);
            combinations.put("channel=" + cd[0] + ",device=" + cd[1], own);
        }
        series.sort(dev.redflag.kpi.Example.NEWEST_FIRST);
        return new KpiValue(v.kpi(), v.window(), v.dims(), v.windowStart(), v.windowEnd(), v.value(), v.numerator(),
                v.denominator(), v.sample(), v.numeratorSquares(), v.crossProducts(), v.denominatorSquares(),
                v.slices(), new dev.redflag.kpi.Examples(series.subList(0, 3), combinations));
    }

    private static Slice slice(String name, Map<String, int[]> cells, java.util.function.Predicate<String> in) {
        int a = 0;
        int b = 0;
        for (Map.Entry<String, int[]> e : cells.entrySet()) {
            if (in.test(e.getKey())) {
                a += e.getValue()[0];
                b += e.getValue()[1];
            }
        }
        return new Slice(name, a, b, b, a, a, b);
    }

    private static final String SLICED = ", slices: [channel, device, [channel, device]]";

    private static String line(AlertEvent e) {
        return (e.transition().at() - T0) / HOUR + "h " + e.phase() + " " + e.annotations();
    }

    @Test
    void aRiseConfinedToAPairOfSlicesFiresOnThePageWithThePairNamed() throws Exception {
        assertThat(run("", 5)).as("the page alone").isEmpty();

        assertThat(run(SLICED, 5)).extracting(SliceAlertsTest::line).containsExactly(
                "516h FIRING {summary=Bounce on /pricing rose, slice=channel=paid,device=mobile, "
                        + "why=channel=paid, device=mobile: 38.9% → 91.7% on 17% of sessions, all of the rise}",
                // held to the incident's end (518h) and keep_firing_for: the incident stays out of the slices' baseline
                "519h RESOLVED {summary=}");
    }

    @Test
    void aPageWideRiseSinglesOutNoSlice() throws Exception {
        Map<String, Double> everywhere = Map.of("paid/mobile", 0.7, "paid/desktop", 0.7, "organic/mobile", 0.7,
                "organic/desktop", 0.7);

        assertThat(run(SLICED, 4, everywhere)).extracting(SliceAlertsTest::line).containsExactly(
                "515h FIRING {summary=Bounce on /pricing rose, why=across all slices: 40.4% → 75%}",
                "520h RESOLVED {summary=}");
        // without slices: the series keeps no slice baseline, so the same firing says no why
        assertThat(run("", 4, everywhere)).extracting(SliceAlertsTest::line).containsExactly(
                "515h FIRING {summary=Bounce on /pricing rose}",
                "520h RESOLVED {summary=}");
    }

    @Test
    void aSliceFiringShowsTheSlicesExamplesAndAPageWideOneThePages() throws Exception {
        List<AlertEvent> sliced = run(plainExamples, SLICED, 5, Map.of("paid/mobile", 0.9));
        assertThat(sliced).extracting(AlertEvent::phase).containsExactly(Transition.Phase.FIRING,
                Transition.Phase.RESOLVED);
        AlertEvent firing = sliced.get(0);
        // fired at 516h by channel=paid,device=mobile: its latest three of the 516h window, nothing of other cells
        assertThat(firing.examples()).extracting(AlertExample::id).containsExactly("h515-paid/mobile-3",
                "h515-paid/mobile-2", "h515-paid/mobile-1");
        assertThat(firing.annotations().get(AlertEvent.EXAMPLES)).isEqualTo("""
                h515-paid/mobile-3 · channel=paid
                h515-paid/mobile-2 · channel=paid
                h515-paid/mobile-1 · channel=paid""");
        assertThat(sliced.get(1).examples()).as("a resolution shows none").isEmpty();

        Map<String, Double> everywhere = Map.of("paid/mobile", 0.7, "paid/desktop", 0.7, "organic/mobile", 0.7,
                "organic/desktop", 0.7);
        AlertEvent pageWide = run(plainExamples, SLICED, 4, everywhere).get(0);
        // the series' latest three: minute 33 (paid/mobile), 32 (paid/desktop), 31 (organic/mobile)
        assertThat(pageWide.examples()).extracting(AlertExample::id).containsExactly("h514-paid/mobile-3",
                "h514-paid/desktop-3", "h514-organic/mobile-3");
    }
}
