package dev.redflag.scorecard;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one series in one hour, grouped into classes of equal contributions (for a bounce
 * rate: k bounced sessions contributing (1, 1) and n − k others contributing (0, 1)). A class may be
 * delivered late: a late event of it is missing from the window's first emission, or, for a
 * stateful KPI, counted there as another class (a late cancellation leaves its customer among the
 * active ones until it arrives).
 */
final class HourEvents {

    /** No other class stands in for a late event: it is simply missing. */
    static final int MISSING = -1;
    /** Events of this class are never late (customers active at the window start). */
    static final int NEVER_LATE = -2;

    private record Group(double a, double b, long count, int lateAs) {
    }

    private final List<Group> groups = new ArrayList<>(4);

    /** Adds a class; returns its index, for {@code lateAs} of another. */
    int add(double a, double b, long count, int lateAs) {
        groups.add(new Group(a, b, count, lateAs));
        return groups.size() - 1;
    }

    Sums complete() {
        Adder sums = new Adder();
        for (Group g : groups) {
            sums.add(g.a, g.b, g.count);
        }
        return sums.sums();
    }

    /** Events that may be late. */
    long lateable() {
        long n = 0;
        for (Group g : groups) {
            if (g.lateAs != NEVER_LATE) {
                n += g.count;
            }
        }
        return n;
    }

    /**
     * The window as first emitted when {@code late} of its lateable events (drawn without
     * replacement) arrive after it fired.
     */
    Sums withoutLate(long late, Variates random) {
        long[] remaining = new long[groups.size()];
        long[] held = new long[groups.size()];
        long pool = 0;
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            remaining[i] = g.lateAs == NEVER_LATE ? 0 : g.count;
            pool += remaining[i];
        }
        for (long drawn = 0; drawn < late && pool > 0; drawn++, pool--) {
            long pick = (long) (random.uniform() * pool);
            int i = 0;
            while (pick >= remaining[i]) {
                pick -= remaining[i++];
            }
            remaining[i]--;
            held[i]++;
        }
        Adder sums = new Adder();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            sums.add(g.a, g.b, g.count - held[i]);
            if (held[i] > 0 && g.lateAs >= 0) {
                Group stand = groups.get(g.lateAs);
                sums.add(stand.a, stand.b, held[i]);
            }
        }
        return sums.sums();
    }

    /** Running sums without a record per class (ARPU has one class per order). */
    private static final class Adder {
        private double numerator;
        private double denominator;
        private long sample;
        private double numeratorSquares;
        private double crossProducts;
        private double denominatorSquares;

        void add(double a, double b, long count) {
            numerator += a * count;
            denominator += b * count;
            sample += b != 0 ? count : 0;
            numeratorSquares += a * a * count;
            crossProducts += a * b * count;
            denominatorSquares += b * b * count;
        }

        Sums sums() {
            return new Sums(numerator, denominator, sample, numeratorSquares, crossProducts, denominatorSquares);
        }
    }
}
