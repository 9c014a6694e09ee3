package dev.redflag.scorecard;

import dev.redflag.kpi.KpiValue;

import java.util.ArrayList;
import java.util.List;

/**
 * How a scenario's windows reach the rules, as the live KPI operators deliver them: in window
 * order, with outages (a few hours with no window at all, about one outage of 1 to 4 hours every
 * ten days; ratios only, as a count's outage is a real drop to 0) and late events (one window in ten is first emitted without a few of its events —
 * 1 + Poisson(2 % of them) — and re-emitted complete after the next window, where
 * {@link dev.redflag.alert.SeriesStep} drops it as the live operator does).
 */
final class Delivery {

    static final double OUTAGES_PER_DAY = 0.1;
    static final int LONGEST_OUTAGE_HOURS = 4;
    static final double LATE_WINDOWS = 0.1;
    static final double LATE_SHARE = 0.02;

    private Delivery() {
    }

    /** The values in the order the rules receive them. */
    static List<KpiValue> arrivals(Scenario s, GeneratedSeries series, HourEvents[] hours, Variates random) {
        // a count reports nothing for an hour without events, so an outage of a count's source reads
        // as a drop to 0, which a count rule is there to report: counts get no outages
        boolean[] down = series.ratio() ? outages(s, random) : new boolean[hours.length];
        List<KpiValue> out = new ArrayList<>(hours.length + hours.length / 8);
        KpiValue reEmission = null;
        for (int h = 0; h < hours.length; h++) {
            if (down[h]) {
                continue;
            }
            long start = s.hourStart(h);
            long end = start + Scenario.HOUR;
            HourEvents events = hours[h];
            Sums complete = events.complete();
            Sums first = complete;
            long lateable = events.lateable();
            boolean late = lateable > 0 && random.uniform() < LATE_WINDOWS;
            if (late) {
                long held = Math.min(lateable, 1 + random.poisson(LATE_SHARE * lateable));
                first = events.withoutLate(held, random);
            }
            KpiValue value = series.value(start, end, first);
            if (value != null) {
                out.add(value);
            }
            if (reEmission != null) {
                out.add(reEmission);
                reEmission = null;
            }
            if (late) {
                reEmission = series.value(start, end, complete);
            }
        }
        if (reEmission != null) {
            out.add(reEmission);
        }
        return out;
    }

    private static boolean[] outages(Scenario s, Variates random) {
        boolean[] down = new boolean[s.hours()];
        long outages = random.poisson(OUTAGES_PER_DAY * s.days());
        for (long i = 0; i < outages; i++) {
            int from = random.below(down.length);
            int length = 1 + random.below(LONGEST_OUTAGE_HOURS);
            for (int h = from; h < Math.min(down.length, from + length); h++) {
                down[h] = true;
            }
        }
        return down;
    }
}
