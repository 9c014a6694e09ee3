package dev.redflag.kpi;

import dev.redflag.event.Event;
import dev.redflag.event.EventType;
import dev.redflag.event.MetricEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.redflag.kpi.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merging contributions per key and pane before the network must leave every window with exactly
 * the numbers it gets from the events one by one: sums, sample counts, min, max and the latest
 * value, on sliding windows whose panes a window shares with its neighbour.
 */
class ContributionCombinerTest {

    private static final WindowSpec TWO_HOURS_BY_ONE = WindowSpec.sliding(Duration.ofHours(2), Duration.ofHours(1));
    private static final Aggregation[] AGGREGATIONS = {Aggregation.SUM, Aggregation.MEAN, Aggregation.MIN,
            Aggregation.MAX, Aggregation.LAST, Aggregation.COUNT};

    /** One metric KPI per aggregation, by tenant, over 2h windows sliding by 1h. */
    private static KpiCatalog catalog() {
        List<KpiSpec> specs = new ArrayList<>();
        for (Aggregation a : AGGREGATIONS) {
            specs.add(new KpiSpec("queue_" + a.name().toLowerCase(), "queue depth", KpiFamily.WINDOWED, a, 1,
                    "jobs", List.of("tenant"), List.of(TWO_HOURS_BY_ONE),
                    List.of(KpiInput.numerator(EventType.METRIC, EventPredicate.ALL,
                            e -> ((MetricEvent) e).value()))));
        }
        specs.add(new KpiSpec("queue_ratio", "queue depth per job", KpiFamily.WINDOWED, Aggregation.RATIO, 1,
                "ratio", List.of("tenant"), List.of(TWO_HOURS_BY_ONE),
                List.of(KpiInput.both(EventType.METRIC, EventPredicate.ALL, e -> ((MetricEvent) e).value(),
                        KpiInput.ONE))));
        return new KpiCatalog(specs);
    }

    private static MetricEvent depth(String ts, String tenant, double value) {
        return new MetricEvent(at(ts), tenant, Map.of(), "queue", value);
    }

    @Test
    void aWatermarkTakesOnlyThePanesItCompletesOnSlidingWindowsTheirSlide() {
        ContributionCombiner combiner = new ContributionCombiner(catalog());
        combiner.add(depth("2026-11-20T10:05:00Z", "acme", 5));
        combiner.add(depth("2026-11-20T11:10:00Z", "acme", 4));
        combiner.add(depth("2026-11-20T10:50:00Z", "globex", 7));
        assertThat(combiner.size()).isEqualTo(3 * 7);

        List<String> out = new ArrayList<>();
        // the 10:00 panes end the window 09:00-11:00 at 10:59:59.999, one millisecond after this
        combiner.drainComplete(at("2026-11-20T10:59:59.998Z"), c -> out.add(c.key()));
        assertThat(out).isEmpty();
        assertThat(combiner.size()).isEqualTo(21);

        combiner.drainComplete(at("2026-11-20T10:59:59.999Z"),
                c -> out.add(KpiKeys.kpi(c.key()) + " " + KpiKeys.dims(c.key(), List.of("tenant")).get("tenant") + " " + iso(c.ts())));
        assertThat(out).hasSize(14).contains("queue_sum acme 2026-11-20T10:05:00Z",
                "queue_sum globex 2026-11-20T10:50:00Z").noneMatch(k -> k.contains("11:10"));
        assertThat(combiner.size()).isEqualTo(7);

        // what stays is merged with what comes, and leaves with the watermark that completes it
        combiner.add(depth("2026-11-20T11:20:00Z", "acme", 6));
        assertThat(combiner.size()).isEqualTo(7);
        Map<String, Contribution> rest = new TreeMap<>();
        combiner.drainComplete(at("2026-11-20T11:59:59.999Z"), c -> rest.put(KpiKeys.kpi(c.key()), c));
        assertThat(rest).hasSize(7);
        assertThat(rest.get("queue_sum")).extracting(Contribution::numerator, Contribution::samples)
                .containsExactly(10.0, 2L);
        assertThat(combiner.size()).isZero();
    }

    @Test
    void panesOfOneKeyBecomeOneContributionEachWithSumsCountAndExtremes() {
        KpiCatalog catalog = catalog();
        ContributionCombiner combiner = new ContributionCombiner(catalog);
        for (MetricEvent e : List.of(depth("2026-11-20T10:05:00Z", "acme", 5), depth("2026-11-20T10:20:00Z", "acme", 9),
                depth("2026-11-20T10:40:00Z", "acme", 2), depth("2026-11-20T11:10:00Z", "acme", 4),
                depth("2026-11-20T10:50:00Z", "acme", 7))) {
            combiner.add(e);
        }
        assertThat(combiner.size()).isEqualTo(2 * 7);

        Map<String, Contribution> out = new LinkedHashMap<>();
        combiner.drain(c -> out.put(KpiKeys.kpi(c.key()) + " " + iso(c.ts()), c));
        assertThat(combiner.size()).isZero();

        // pane 10:00 holds 5, 9, 2, 7 (latest at 10:50); pane 11:00 holds 4 at 11:10
        assertThat(out.get("queue_sum 2026-11-20T10:50:00Z")).extracting(Contribution::numerator, Contribution::samples)
                .containsExactly(23.0, 4L);
        assertThat(out.get("queue_max 2026-11-20T10:50:00Z").value()).isEqualTo(9);
        assertThat(out.get("queue_min 2026-11-20T10:50:00Z").value()).isEqualTo(2);
        assertThat(out.get("queue_last 2026-11-20T10:50:00Z").value()).isEqualTo(7);
        assertThat(out.get("queue_ratio 2026-11-20T10:50:00Z")).extracting(Contribution::numerator,
                Contribution::denominator, Contribution::samples).containsExactly(23.0, 4.0, 4L);
        // second moments of the pane's events (a = depth, b = 1): 25 + 81 + 4 + 49, 23, 4
        assertThat(out.get("queue_ratio 2026-11-20T10:50:00Z")).extracting(Contribution::numeratorSquares,
                Contribution::crossProducts, Contribution::denominatorSquares).containsExactly(159.0, 23.0, 4.0);
        assertThat(out.get("queue_last 2026-11-20T11:10:00Z")).extracting(Contribution::value, Contribution::samples)
                .containsExactly(4.0, 1L);
        assertThat(out).hasSize(14);

        // the window 10:00-12:00 gets both panes: sum 27 over 5 samples, mean 5.4, max 9, min 2, last 4
        Map<String, Double> window = windowValues(catalog, new ArrayList<>(out.values()), at("2026-11-20T10:00:00Z"));
        assertThat(window).containsEntry("queue_sum", 27.0).containsEntry("queue_mean", 5.4)
                .containsEntry("queue_max", 9.0).containsEntry("queue_min", 2.0).containsEntry("queue_last", 4.0)
                .containsEntry("queue_count", 27.0).containsEntry("queue_ratio", 5.4);
        // and moments over both panes: 159 + 4^2; the sum's events add nothing to a denominator (b = 0)
        assertThat(windowMoments(catalog, new ArrayList<>(out.values()), at("2026-11-20T10:00:00Z"), "queue_ratio"))
                .containsExactly(175.0, 27.0, 5.0);
        assertThat(windowMoments(catalog, new ArrayList<>(out.values()), at("2026-11-20T10:00:00Z"), "queue_sum"))
                .containsExactly(175.0, 0.0, 0.0);
        // and 09:00-11:00 only the first: mean 23 / 4
        assertThat(windowValues(catalog, new ArrayList<>(out.values()), at("2026-11-20T09:00:00Z")))
                .containsEntry("queue_mean", 5.75).containsEntry("queue_last", 7.0);
    }

    @Test
    void everyWindowEndsWithTheSameNumbersWithAndWithoutCombiningInAnyFlushPattern() {
        KpiCatalog catalog = catalog();
        Random random = new Random(7);
        List<Event> events = new ArrayList<>();
        long base = at("2026-11-20T00:00:00Z");
        for (int i = 0; i < 5_000; i++) {
            // whole values keep the sums exact in any order; up to 30 minutes out of order
            long ts = base + i * 20_000L - random.nextInt(1_800_000);
            events.add(new MetricEvent(ts, "t" + random.nextInt(3), Map.of(), "queue", random.nextInt(50)));
        }
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        List<Contribution> single = new ArrayList<>();
        List<Contribution> combined = new ArrayList<>();
        ContributionCombiner combiner = new ContributionCombiner(catalog);
        for (Event e : events) {
            extractor.extract(e, single::add);
            combiner.add(e);
            if (random.nextInt(100) == 0) {
                combiner.drain(combined::add);
            }
        }
        combiner.drain(combined::add);

        assertThat(combined.size()).isLessThan(single.size() / 10);
        assertThat(allWindows(catalog, combined)).isEqualTo(allWindows(catalog, single));
    }

    @Test
    void sessionsOnManyPagesChannelsAndTenantsEndTheSameAsOneByOne() {
        KpiCatalog catalog = KpiCatalog.builtins(List.of(TWO_HOURS_BY_ONE, WindowSpec.tumbling(Duration.ofDays(1))));
        Random random = new Random(11);
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        ContributionCombiner combiner = new ContributionCombiner(catalog);
        List<Contribution> single = new ArrayList<>();
        List<Contribution> combined = new ArrayList<>();
        long base = at("2026-11-20T00:00:00Z");
        for (int i = 0; i < 20_000; i++) {
            // 3 tenants x 500 pages x 4 channels x 2 devices: more panes than the combiner's first table holds
            Event e = new dev.redflag.event.SessionEvent(base + i * 10_000L, "t" + random.nextInt(3),
                    Map.of("device", random.nextBoolean() ? "mobile" : "desktop"),
                    "s" + i, "/p" + random.nextInt(500), "c" + random.nextInt(4), 1 + random.nextInt(3), 30,
                    random.nextInt(10) == 0, random.nextInt(3));
            extractor.extract(e, single::add);
            combiner.add(e);
            if (random.nextInt(2_000) == 0) {
                combiner.drain(combined::add);
            }
        }
        combiner.drain(combined::add);

        assertThat(combined.size()).isLessThan(single.size() / 2);
        Map<String, List<Double>> windows = allWindows(catalog, combined);
        assertThat(windows.keySet()).anyMatch(k -> k.startsWith("bounce_rate") && k.contains("#"))
                .anyMatch(k -> k.startsWith("conversion_rate") && k.contains("#"));
        assertThat(windows).isEqualTo(allWindows(catalog, single));
    }

    /** KPI value per (kpi, tenant, window start) after adding the contributions in order. */
    private static Map<String, List<Double>> allWindows(KpiCatalog catalog, List<Contribution> contributions) {
        Map<String, WindowAccumulator> windows = new TreeMap<>();
        for (Contribution c : contributions) {
            KpiRoute route = catalog.route(c.route());
            for (long start = WindowMath.lastStart(c.ts(), route.slideMillis()); start > c.ts() - route.sizeMillis();
                 start -= route.slideMillis()) {
                windows.computeIfAbsent(c.key() + "@" + start, k -> new WindowAccumulator())
                        .add(route.spec().aggregation(), c.ts(), c.numerator(), c.denominator(), c.numeratorSquares(),
                                c.crossProducts(), c.denominatorSquares(), c.value(), c.samples());
                if (c.isSliced()) {
                    windows.get(c.key() + "@" + start).addSlice(route.spec().slices(), Integer.MAX_VALUE, c.slice(),
                            c.numerator(), c.denominator(), c.samples(), c.numeratorSquares(), c.crossProducts(),
                            c.denominatorSquares());
                }
            }
        }
        Map<String, List<Double>> values = new TreeMap<>();
        windows.forEach((k, acc) -> {
            Aggregation a = catalog.spec(KpiKeys.kpi(k)).aggregation();
            values.put(k, List.of(acc.result(a, 1), acc.numerator, acc.denominator, (double) acc.samples,
                    acc.numeratorSquares, acc.crossProducts, acc.denominatorSquares));
            if (acc.slices != null) {
                acc.slices.sums().forEach((slice, sums) -> {
                    Slice sl = sums.toSlice(slice);
                    values.put(k + "#" + slice, List.of(sl.numerator(), sl.denominator(), (double) sl.samples(),
                            sl.numeratorSquares(), sl.crossProducts(), sl.denominatorSquares()));
                });
            }
        });
        return values;
    }

    private static Map<String, Double> windowValues(KpiCatalog catalog, List<Contribution> contributions, long start) {
        Map<String, Double> out = new TreeMap<>();
        allWindows(catalog, contributions).forEach((k, v) -> {
            if (k.endsWith("@" + start)) {
                out.put(KpiKeys.kpi(k), v.get(0));
            }
        });
        return out;
    }

    private static List<Double> windowMoments(KpiCatalog catalog, List<Contribution> contributions, long start,
                                              String kpi) {
        return allWindows(catalog, contributions).entrySet().stream()
                .filter(e -> e.getKey().endsWith("@" + start) && KpiKeys.kpi(e.getKey()).equals(kpi))
                .map(e -> e.getValue().subList(4, 7)).findFirst().orElseThrow();
    }

    private static String iso(long ts) {
        return java.time.Instant.ofEpochMilli(ts).toString();
    }

    /** One event of the queue KPIs per tenant of {@code from} to {@code to}, each in the 10:00 pane. */
    private static List<Contribution> roundOver(ContributionCombiner combiner, int from, int to, List<Integer> rooms) {
        List<Contribution> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            combiner.add(depth("2026-11-20T10:05:00Z", "t" + t, 1));
            if (combiner.full()) {
                int before = out.size();
                combiner.drainForRoom(out::add);
                rooms.add(out.size() - before);
                rooms.add(combiner.room());
            }
        }
        return out;
    }

    @Test
    void keysThatComeBackAfterAFlushForRoomGetMoreRoomAndMerge() {
        ContributionCombiner combiner = new ContributionCombiner(catalog());
        List<Integer> flushes = new ArrayList<>();
        List<Contribution> out = new ArrayList<>();
        // 1,800 tenants, 7 KPIs each: 12,600 panes, more than the 10,000 of room at first
        for (int round = 0; round < 4; round++) {
            out.addAll(roundOver(combiner, 0, 1_800, flushes));
        }
        combiner.drain(out::add);

        // the first flush (1,429 tenants, 10,003 panes) sent on keys that had not come back yet: the room
        // stays; of the next 10,003 panes, 7,406 (tenants 0 to 1,057 again) were sent on before: it doubles
        assertThat(flushes).containsExactly(10_003, 10_000, 10_003, 20_000);
        assertThat(combiner.size()).isZero();
        // then all 1,800 tenants fit: every later event merged into its pane
        assertThat(out).hasSize(10_003 + 10_003 + 12_600);
        assertThat(out.stream().filter(c -> KpiKeys.kpi(c.key()).equals("queue_count")).mapToLong(Contribution::samples)
                .sum()).isEqualTo(4 * 1_800);
    }

    @Test
    void keysThatNeverComeBackKeepTheLeastRoom() {
        ContributionCombiner combiner = new ContributionCombiner(catalog());
        List<Integer> flushes = new ArrayList<>();
        roundOver(combiner, 0, 10_000, flushes);

        assertThat(flushes).containsExactly(10_003, 10_000, 10_003, 10_000, 10_003, 10_000, 10_003, 10_000,
                10_003, 10_000, 10_003, 10_000);
        assertThat(combiner.size()).isEqualTo((10_000 - 6 * 1_429) * 7);
    }
}
