package dev.redflag.scorecard;

import java.util.List;

/**
 * A count (sessions per hour): Poisson around the seasonal volume times a
 * day-level random effect and a gamma-distributed hourly factor (negative binomial); an incident
 * multiplies the rate. An hour without an event has no window, as the KPI operator emits none.
 */
record CountModel(String kpi, List<Volume> volumes, List<Effect> effects) implements KpiModel {

    /** Gamma shape of the hourly factor: coefficient of variation 1/√50 ≈ 14 %. */
    static final double HOUR_SHAPE = 50;
    static final double DAY_SIGMA = 0.05;

    @Override
    public HourEvents[] hours(Scenario s, Variates random) {
        double[] day = KpiModel.dayEffects(s, random, DAY_SIGMA);
        return KpiModel.eachHour(s, t -> {
            double mean = s.volume().perHour() * Seasonality.volume(t) * day[s.day(t)]
                    * random.gamma(HOUR_SHAPE) / HOUR_SHAPE * (s.inIncident(t) ? s.effect().size() : 1);
            HourEvents events = new HourEvents();
            events.add(1, 1, random.poisson(mean), HourEvents.MISSING);
            return events;
        });
    }

    @Override
    public double effectSize(Scenario s) {
        return EffectSize.poisson(s.expectedDuringIncident(), s.effect().size(), s.length().toHours(), HOUR_SHAPE,
                DAY_SIGMA);
    }
}
