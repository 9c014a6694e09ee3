package dev.redflag.kpi;

import java.util.Arrays;

/**
 * How many contributions a {@link ContributionCombiner} holds before it sends them all on for want
 * of room. Holding more merges more only when keys come back: with more busy keys than room, every
 * key leaves before its next event and the merge does nothing, while with a few more than the room
 * a larger one would merge almost every event. So the combiner remembers (in a bitmap of their
 * hashes) the panes it sent on for want of room, counts how many of the panes it makes afterwards
 * are among them, and at each flush for want of room doubles its room when most are (up to
 * {@link #MAX}) and halves it when few are (down to {@link #MIN}). Keys that never come back, as at
 * a million series with one event each, keep the room at its minimum, where a larger table would
 * only cost cache misses and garbage.
 *
 * <p>A bitmap of 2<sup>21</sup> bits (256 KiB) is cleared once an eighth of it is set, so a hash
 * taken for a returning key by collision stays under one in eight.
 */
public final class CombinerCapacity {

    public static final int MIN = 10_000;
    public static final int MAX = 160_000;
    /** The share of new panes that were sent on for want of room before, at or above which the room doubles. */
    static final double GROW = 0.5;
    /** The share below which the room halves. */
    static final double SHRINK = 0.25;

    private static final int BITS = 21;
    private static final int CLEAR_AT = (1 << BITS) / 8;

    private final long[] sentForRoom = new long[1 << (BITS - 6)];
    private int marked;
    private int made;
    private int returned;
    private int limit = MIN;

    int limit() {
        return limit;
    }

    /** A pane made: counted as returned when a flush for want of room sent its key and pane on before. */
    void made(int hash) {
        made++;
        int bit = bit(hash);
        if ((sentForRoom[bit >>> 6] & (1L << bit)) != 0) {
            returned++;
        }
    }

    /** A pane sent on for want of room. */
    void sentForRoom(int hash) {
        int bit = bit(hash);
        long mask = 1L << bit;
        if ((sentForRoom[bit >>> 6] & mask) == 0) {
            sentForRoom[bit >>> 6] |= mask;
            marked++;
        }
    }

    /** After a flush for want of room: the room for the next, from the panes made since the last one. */
    void flushedForRoom() {
        if (made > 0) {
            double share = (double) returned / made;
            if (share >= GROW) {
                limit = Math.min(MAX, limit * 2);
            } else if (share < SHRINK) {
                limit = Math.max(MIN, limit / 2);
            }
        }
        made = 0;
        returned = 0;
        if (marked >= CLEAR_AT) {
            Arrays.fill(sentForRoom, 0L);
            marked = 0;
        }
    }

    /** The bit of a pane's hash, spread over the bitmap (Fibonacci hashing: similar hashes land far apart). */
    private static int bit(int hash) {
        return (hash * 0x9E3779B9) >>> (32 - BITS);
    }
}
