package dev.redflag.kpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The latest {@code max} items by event time, in arrays of that size made once: adding an item
 * allocates nothing. When full, a newcomer replaces the oldest item unless it is older still; of
 * items with the same time the one added last is kept, as it is the latest the stream said.
 * Not thread-safe.
 */
public final class Latest<T> {

    private final Object[] items;
    private final long[] times;
    private final long[] order;
    private int size;
    private long added;

    public Latest(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        items = new Object[max];
        times = new long[max];
        order = new long[max];
    }

    /** Keeps {@code item}, of event time {@code ts}, if it is among the latest {@code max}. */
    public void add(long ts, T item) {
        int slot = size;
        if (size < items.length) {
            size++;
        } else {
            slot = 0;
            for (int i = 1; i < size; i++) {
                if (times[i] < times[slot] || (times[i] == times[slot] && order[i] < order[slot])) {
                    slot = i;
                }
            }
            if (ts < times[slot]) {
                return;
            }
        }
        items[slot] = item;
        times[slot] = ts;
        order[slot] = added++;
    }

    /** An independent copy: the same items (shared, they are immutable) in new arrays. */
    public Latest<T> copy() {
        Latest<T> c = new Latest<>(items.length);
        System.arraycopy(items, 0, c.items, 0, size);
        System.arraycopy(times, 0, c.times, 0, size);
        System.arraycopy(order, 0, c.order, 0, size);
        c.size = size;
        c.added = added;
        return c;
    }

    public int max() {
        return items.length;
    }

    public int size() {
        return size;
    }

    /** The items kept, newest first (by event time, then by when they were added). */
    @SuppressWarnings("unchecked")
    public List<T> newestFirst() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> times[a] != times[b] ? Long.compare(times[b], times[a])
                : Long.compare(order[b], order[a]));
        List<T> out = new ArrayList<>(size);
        for (int i : idx) {
            out.add((T) items[i]);
        }
        return out;
    }
}
