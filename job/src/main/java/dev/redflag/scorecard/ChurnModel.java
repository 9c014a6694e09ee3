package dev.redflag.scorecard;

import java.util.List;

/**
 * Churn of a customer base of N (the scenario's volume) with a daily hazard of 0.2 %: each hour,
 * cancellations among the customers active at its start with the hourly hazard (following the
 * volume's seasonality, a day-level random effect and a gamma hourly factor), and new customers
 * Poisson at the base's mean loss rate so the base stays near N. An incident multiplies the
 * hazard. A late cancellation leaves its customer among the active ones in the first emission.
 */
record ChurnModel(List<Volume> volumes, List<Effect> effects) implements KpiModel {

    static final double DAILY_HAZARD = 0.002;
    static final double HOUR_SHAPE = 50;
    static final double DAY_SIGMA = 0.1;

    @Override
    public String kpi() {
        return "churn_rate";
    }

    @Override
    public HourEvents[] hours(Scenario s, Variates random) {
        double[] day = KpiModel.dayEffects(s, random, DAY_SIGMA);
        HourEvents[] hours = new HourEvents[s.hours()];
        long active = Math.round(s.volume().perDay());
        for (int h = 0; h < hours.length; h++) {
            long t = s.hourStart(h);
            double hazard = DAILY_HAZARD / 24 * Seasonality.volume(t) * day[s.day(t)]
                    * random.gamma(HOUR_SHAPE) / HOUR_SHAPE * (s.inIncident(t) ? s.effect().size() : 1);
            long lost = random.binomial(active, Math.min(1, hazard));
            HourEvents events = new HourEvents();
            int stayed = events.add(0, 1, active - lost, HourEvents.NEVER_LATE);
            events.add(1, 1, lost, stayed);
            hours[h] = events;
            active += random.poisson(s.volume().perDay() * DAILY_HAZARD / 24 * Seasonality.volume(t)) - lost;
        }
        return hours;
    }

    @Override
    public double effectSize(Scenario s) {
        // the base's mean cancellations over the incident: N · h0 per day, with the volume's seasonality
        return EffectSize.poisson(DAILY_HAZARD * s.expectedDuringIncident(), s.effect().size(), s.length().toHours(),
                HOUR_SHAPE, DAY_SIGMA);
    }
}
