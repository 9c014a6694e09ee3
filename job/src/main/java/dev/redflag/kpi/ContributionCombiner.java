package dev.redflag.kpi;

import dev.redflag.event.Event;
import dev.redflag.kpi.EventFields.StringField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns events into their KPI contributions, merged per pane (one slide of a window) of one KPI key
 * before they cross the network, as a local pre-aggregation: an hour of bounce-rate sessions of one
 * page becomes one record instead of thousands. Every event of a pane falls into exactly the same
 * windows (the slide divides the size), and a window's state is sums (second moments included), a
 * count and a min, max or latest value, so the windows end with the same numbers as if every event had been sent on its own
 * (what {@link ContributionExtractor} makes).
 *
 * <p>Panes are found by route, pane start and the event's dimension values, without building the
 * key strings, which are made once per pane when it is drained; labels the decoder shares between
 * records hash once. A sliced KPI's pane holds one part per combination of slice values (only
 * events of the same slice merge), found by a scan of that pane's few parts rather than in the
 * table: the table stays as small as without slices, which keeps the look-up of every event in
 * cache. Each part leaves as a contribution of its own.
 *
 * <p>A KPI with {@code examples} keeps, per pane, references to the latest events that match its
 * examples' {@code when} in fixed-size arrays (nothing for events that do not match); they become
 * {@link Example}s only when the pane is drained.
 *
 * <p>Not thread-safe; one per subtask. The caller decides when to drain: before every watermark it
 * forwards, at least the panes that watermark completes ({@link #drainComplete}), so a window never
 * closes with part of its events still held here.
 */
public final class ContributionCombiner {

    private static final String[] NO_VALUES = new String[0];

    private final KpiCatalog catalog;
    private final String[] prefixes;
    /** The dimension and slice values of the event at hand, read once per route rather than once per compare. */
    private final String[] dimValues;
    private final String[] sliceValues;
    private Pane[] table = new Pane[256];
    private int panes;
    private int parts;
    private final CombinerCapacity capacity = new CombinerCapacity();

    public ContributionCombiner(KpiCatalog catalog) {
        this.catalog = catalog;
        this.prefixes = KpiKeys.routePrefixes(catalog);
        int dims = 0;
        int slices = 0;
        for (KpiSpec spec : catalog.specs().values()) {
            dims = Math.max(dims, spec.by().size());
            slices = Math.max(slices, spec.slices().size());
        }
        this.dimValues = new String[dims];
        this.sliceValues = new String[slices];
    }

    /** Adds the contributions of one event to the panes of their keys. */
    public void add(Event event) {
        long ts = event.ts();
        for (KpiRoute route : catalog.routes(event.type())) {
            KpiInput input = route.input();
            if (!input.when().test(event)) {
                continue;
            }
            long start = WindowMath.lastStart(ts, route.slideMillis());
            int hash = read(route.dims(), event, dimValues, 31 * route.index() + Long.hashCode(start));
            Pane pane = find(route.index(), start, hash);
            if (pane == null) {
                pane = insert(route, start, hash);
            }
            int sliceHash = read(route.slices(), event, sliceValues, 0);
            Part part = pane.part(sliceHash, sliceValues);
            if (part == null) {
                part = pane.add(new Part(sliceHash, copy(sliceValues, route.slices().size())));
                parts++;
            }
            part.ts = Math.max(part.ts, ts);
            ExampleSpec examples = catalog.sampledExamples(route.index());
            if (examples != null && examples.when().test(event)) {
                if (part.examples == null) {
                    part.examples = new Latest<>(examples.max());
                }
                part.examples.add(ts, event);
            }
            part.sums.add(route.spec().aggregation(), ts, input.numerator().get(event),
                    input.denominator().get(event), input.value().get(event));
        }
    }

    /** Number of contributions held: one per pane of an unsliced KPI, one per slice combination of a sliced one. */
    public int size() {
        return parts;
    }

    /** Whether it holds as many contributions as it has room for ({@link CombinerCapacity}), and should drain. */
    public boolean full() {
        return parts >= capacity.limit();
    }

    /** The contributions it has room for now. */
    int room() {
        return capacity.limit();
    }

    /** Hands every pane held to {@code out}, a contribution per part, and forgets them. */
    public void drain(Consumer<Contribution> out) {
        drain(Long.MAX_VALUE, false, out);
    }

    /**
     * {@link #drain} because it is {@link #full}: the panes sent on are remembered, so that the room
     * can grow when they come back ({@link CombinerCapacity}).
     */
    public void drainForRoom(Consumer<Contribution> out) {
        drain(Long.MAX_VALUE, true, out);
        capacity.flushedForRoom();
    }

    /**
     * Hands to {@code out} the panes that a watermark of {@code watermark} completes (the last
     * instant of the pane, which ends the first window holding it, is at or before it), and forgets
     * them; the others stay, as no window holding them can close before a later watermark.
     */
    public void drainComplete(long watermark, Consumer<Contribution> out) {
        drain(watermark, false, out);
    }

    private void drain(long watermark, boolean forRoom, Consumer<Contribution> out) {
        if (parts == 0) {
            return;
        }
        Text text = null;
        for (int i = 0; i < table.length; i++) {
            Pane kept = null;
            Pane p = table[i];
            while (p != null) {
                Pane next = p.next;
                if (p.lastInstant <= watermark) {
                    if (text == null) {
                        text = new Text();
                    }
                    emit(p, text, out);
                    if (forRoom) {
                        capacity.sentForRoom(p.hash);
                    }
                    panes--;
                    parts -= p.count;
                } else {
                    p.next = kept;
                    kept = p;
                }
                p = next;
            }
            table[i] = kept;
        }
    }

    /** Builders reused across the panes of one drain. */
    private static final class Text {
        final StringBuilder key = new StringBuilder(64);
        final StringBuilder slice = new StringBuilder(32);
    }

    private void emit(Pane p, Text text, Consumer<Contribution> out) {
        StringBuilder key = text.key;
        key.setLength(0);
        key.append(prefixes[p.route]);
        for (String value : p.dims) {
            key.append(KpiKeys.SEP).append(value);
        }
        String k = key.toString();
        for (int i = 0; i < p.count; i++) {
            Part part = p.parts[i];
            WindowAccumulator s = part.sums;
            out.accept(new Contribution(k, p.route, part.ts, s.numerator, s.denominator, s.value, s.samples,
                    s.numeratorSquares, s.crossProducts, s.denominatorSquares, sliceKey(part.slices, text.slice),
                    examples(p.route, part)));
        }
    }

    /** The part's examples, made from the events it kept: at most the KPI's max per part and flush. */
    private List<Example> examples(int route, Part part) {
        if (part.examples == null) {
            return List.of();
        }
        ExampleSpec spec = catalog.sampledExamples(route);
        List<Event> events = part.examples.newestFirst();
        List<Example> out = new ArrayList<>(events.size());
        // oldest first, so the window adds them in the order they came, as one by one
        for (int i = events.size() - 1; i >= 0; i--) {
            out.add(spec.example(events.get(i)));
        }
        return out;
    }

    private static String sliceKey(String[] values, StringBuilder sb) {
        if (values.length == 0) {
            return SliceKey.NONE;
        }
        sb.setLength(0);
        for (String v : values) {
            SliceKey.append(sb, v);
        }
        return sb.toString();
    }

    /** Reads the event's values of {@code fields} into {@code into}; returns {@code seed} with their hashes mixed in. */
    private static int read(List<StringField> fields, Event event, String[] into, int seed) {
        int hash = seed;
        for (int i = 0; i < fields.size(); i++) {
            String v = fields.get(i).get(event);
            into[i] = v;
            hash = 31 * hash + Objects.hashCode(v);
        }
        return hash;
    }

    private static String[] copy(String[] values, int length) {
        return length == 0 ? NO_VALUES : Arrays.copyOf(values, length);
    }

    /** Whether {@code held} equals the first of {@code values}, as many as it holds. */
    private static boolean same(String[] held, String[] values) {
        for (int i = 0; i < held.length; i++) {
            if (!Objects.equals(held[i], values[i])) {
                return false;
            }
        }
        return true;
    }

    private Pane find(int route, long start, int hash) {
        for (Pane p = table[slot(hash, table.length)]; p != null; p = p.next) {
            if (p.hash == hash && p.route == route && p.start == start && same(p.dims, dimValues)) {
                return p;
            }
        }
        return null;
    }

    private Pane insert(KpiRoute route, long start, int hash) {
        if (panes >= table.length * 3 / 4) {
            grow();
        }
        int slot = slot(hash, table.length);
        Pane pane = new Pane(route.index(), start, start + route.slideMillis() - 1, hash,
                copy(dimValues, route.dims().size()), table[slot]);
        table[slot] = pane;
        panes++;
        capacity.made(hash);
        return pane;
    }

    private void grow() {
        Pane[] bigger = new Pane[table.length * 2];
        for (Pane head : table) {
            Pane p = head;
            while (p != null) {
                Pane next = p.next;
                int slot = slot(p.hash, bigger.length);
                p.next = bigger[slot];
                bigger[slot] = p;
                p = next;
            }
        }
        table = bigger;
    }

    private static int slot(int hash, int length) {
        return (hash ^ (hash >>> 16)) & (length - 1);
    }

    /** The panes of one key: one part, or one per combination of slice values seen. */
    private static final class Pane {
        final int route;
        final long start;
        /** The pane's last instant: the first window that holds it closes once the watermark reaches it. */
        final long lastInstant;
        final int hash;
        final String[] dims;
        Part[] parts = new Part[1];
        int count;
        Pane next;

        Pane(int route, long start, long lastInstant, int hash, String[] dims, Pane next) {
            this.route = route;
            this.start = start;
            this.lastInstant = lastInstant;
            this.hash = hash;
            this.dims = dims;
            this.next = next;
        }

        /** The part of these slice values (the first of {@code values}, as many as a part holds); null when none yet. */
        Part part(int hash, String[] values) {
            for (int i = 0; i < count; i++) {
                Part p = parts[i];
                if (p.hash == hash && same(p.slices, values)) {
                    return p;
                }
            }
            return null;
        }

        Part add(Part part) {
            if (count == parts.length) {
                parts = Arrays.copyOf(parts, count * 2);
            }
            parts[count++] = part;
            return part;
        }
    }

    /** The sums of one pane of one key, or of one combination of its slice values. */
    private static final class Part {
        final int hash;
        final String[] slices;
        final WindowAccumulator sums = new WindowAccumulator();
        /** The latest events that illustrate the KPI, as they came (no copy); null until one does. */
        Latest<Event> examples;
        long ts = Long.MIN_VALUE;

        Part(int hash, String[] slices) {
            this.hash = hash;
            this.slices = slices;
        }
    }
}
