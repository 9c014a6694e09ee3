package dev.redflag.kpi;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Merges the contributions of one pane (one slide of a window) of one KPI key before they cross the
 * network, as a local pre-aggregation: an hour of bounce-rate sessions of one page becomes one
 * record instead of thousands. Every event of a pane falls into exactly the same windows (the slide
 * divides the size), and a window's state is sums, a count and a min, max or latest value, so the
 * windows end with the same numbers as if every event had been sent on its own.
 *
 * <p>Not thread-safe; one per subtask. The caller decides when to {@link #drain}: before every
 * watermark it forwards, so a window never closes with part of its events still held here.
 */
public final class ContributionCombiner {

    private final KpiCatalog catalog;
    private final Map<String, Pane> panes = new HashMap<>();
    private int size;

    public ContributionCombiner(KpiCatalog catalog) {
        this.catalog = catalog;
    }

    /** Adds one contribution to the pane of its key that holds its event time. */
    public void add(Contribution c) {
        KpiRoute route = catalog.route(c.route());
        long start = WindowMath.lastStart(c.ts(), route.slideMillis());
        Pane head = panes.get(c.key());
        Pane pane = head;
        while (pane != null && pane.start != start) {
            pane = pane.next;
        }
        if (pane == null) {
            pane = new Pane(c.route(), start, head);
            panes.put(c.key(), pane);
            size++;
        }
        pane.ts = Math.max(pane.ts, c.ts());
        pane.sums.add(route.spec().aggregation(), c.ts(), c.numerator(), c.denominator(), c.value(),
                c.samples());
    }

    /** Number of panes held. */
    public int size() {
        return size;
    }

    /** Hands every pane held to {@code out} as one contribution and forgets them. */
    public void drain(Consumer<Contribution> out) {
        if (size == 0) {
            return;
        }
        for (Map.Entry<String, Pane> e : panes.entrySet()) {
            for (Pane p = e.getValue(); p != null; p = p.next) {
                WindowAccumulator s = p.sums;
                out.accept(new Contribution(e.getKey(), p.route, p.ts, s.numerator, s.denominator, s.value,
                        s.samples));
            }
        }
        panes.clear();
        size = 0;
    }

    /** The sums of one pane of one key; panes of the same key chain (rare: a key's pane boundary). */
    private static final class Pane {
        final int route;
        final long start;
        final Pane next;
        final WindowAccumulator sums = new WindowAccumulator();
        long ts = Long.MIN_VALUE;

        Pane(int route, long start, Pane next) {
            this.route = route;
            this.start = start;
            this.next = next;
        }
    }
}
