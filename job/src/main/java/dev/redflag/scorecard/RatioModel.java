package dev.redflag.scorecard;

import java.util.List;

/**
 * A ratio of sessions (bounce or conversion rate): sessions Poisson around the seasonal volume,
 * each hour's rate drawn from a beta distribution around the day's rate (beta-binomial
 * successes), the day's rate the base rate times the hour-of-day factor and a day-level random
 * effect; an incident multiplies the rate.
 */
record RatioModel(String kpi, double baseRate, List<Volume> volumes, List<Effect> effects) implements KpiModel {

    /** Beta concentration κ of the hourly rate: intra-hour correlation 1/(κ+1), φ ≈ 3.5 at 5,000 sessions. */
    static final double CONCENTRATION = 2000;
    static final double DAY_SIGMA = 0.05;

    @Override
    public HourEvents[] hours(Scenario s, Variates random) {
        double[] day = KpiModel.dayEffects(s, random, DAY_SIGMA);
        return KpiModel.eachHour(s, t -> {
            long n = random.poisson(s.volume().perHour() * Seasonality.volume(t));
            double p = baseRate * Seasonality.rate(t) * day[s.day(t)] * (s.inIncident(t) ? s.effect().size() : 1);
            long k = random.binomial(n, random.betaAround(Math.min(p, 1), CONCENTRATION));
            HourEvents events = new HourEvents();
            events.add(1, 1, k, HourEvents.MISSING);
            events.add(0, 1, n - k, HourEvents.MISSING);
            return events;
        });
    }

    @Override
    public double effectSize(Scenario s) {
        return EffectSize.ratio(baseRate, Math.min(1, baseRate * s.effect().size()), s.expectedDuringIncident(),
                s.length().toHours(), CONCENTRATION, DAY_SIGMA);
    }
}
