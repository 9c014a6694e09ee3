package dev.redflag.scorecard;

import java.util.List;

/**
 * ARPU, quiet only: orders Poisson around the seasonal volume (times a day-level random effect),
 * amounts log-normal with a mean of 50, over a base of active customers (3,000, or ten hours of
 * orders when more). The numerator is one or two orders an hour at low volume: no rule should
 * fire on it.
 */
record ArpuModel(List<Volume> volumes) implements KpiModel {

    static final double MEAN_AMOUNT = 50;
    static final double AMOUNT_SIGMA = 0.8;
    static final double DAY_SIGMA = 0.05;
    static final long MIN_BASE = 3000;

    @Override
    public String kpi() {
        return "arpu";
    }

    @Override
    public List<Effect> effects() {
        return List.of();
    }

    static long base(Volume volume) {
        return Math.max(MIN_BASE, Math.round(10 * volume.perHour()));
    }

    @Override
    public HourEvents[] hours(Scenario s, Variates random) {
        double[] day = KpiModel.dayEffects(s, random, DAY_SIGMA);
        long base = base(s.volume());
        return KpiModel.eachHour(s, t -> {
            long orders = Math.min(base, random.poisson(s.volume().perHour() * Seasonality.volume(t) * day[s.day(t)]));
            HourEvents events = new HourEvents();
            int idle = events.add(0, 1, base - orders, HourEvents.NEVER_LATE);
            for (long i = 0; i < orders; i++) {
                events.add(MEAN_AMOUNT * random.lognormalFactor(AMOUNT_SIGMA), 1, 1, idle);
            }
            return events;
        });
    }

    @Override
    public double effectSize(Scenario s) {
        throw new UnsupportedOperationException("ARPU histories are quiet");
    }
}
