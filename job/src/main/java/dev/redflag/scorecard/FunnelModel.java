package dev.redflag.scorecard;

import java.util.List;

/**
 * Leads: MQLs arrive Poisson around the seasonal volume; each turns into an SQL with probability
 * 0.3 (times a day-level random effect) after an exponential lag with a mean of one day. The
 * hourly window counts the SQLs and the MQLs that happen in the hour (no window without an MQL,
 * as the live operator emits none). The incident is a stall: no SQL at all while it lasts. Leads
 * arrive from a week before the history so that its first SQLs are not missing.
 */
record FunnelModel(List<Volume> volumes, List<Effect> effects) implements KpiModel {

    static final double CONVERSION = 0.3;
    static final double MEAN_LAG_HOURS = 24;
    static final double DAY_SIGMA = 0.1;
    private static final int BURN_IN_HOURS = 7 * 24;

    @Override
    public String kpi() {
        return "mql_to_sql_rate";
    }

    @Override
    public HourEvents[] hours(Scenario s, Variates random) {
        double[] day = KpiModel.dayEffects(s, random, DAY_SIGMA);
        int n = s.hours();
        long[] mqls = new long[n];
        long[] sqls = new long[n];
        for (int h = -BURN_IN_HOURS; h < n; h++) {
            long t = s.hourStart(h);
            long arrivals = random.poisson(s.volume().perHour() * Seasonality.volume(t));
            if (h >= 0) {
                mqls[h] = arrivals;
            }
            double q = Math.min(1, CONVERSION * (h >= 0 ? day[s.day(t)] : 1));
            for (long i = 0; i < arrivals; i++) {
                if (random.uniform() >= q) {
                    continue;
                }
                double at = h + random.uniform() + random.exponential(MEAN_LAG_HOURS);
                if (at >= 0 && at < n && !s.inIncident(s.hourStart((int) at))) {
                    sqls[(int) at]++;
                }
            }
        }
        HourEvents[] hours = new HourEvents[n];
        for (int h = 0; h < n; h++) {
            HourEvents events = new HourEvents();
            events.add(1, 0, sqls[h], HourEvents.MISSING);
            events.add(0, 1, mqls[h], HourEvents.MISSING);
            hours[h] = events;
        }
        return hours;
    }

    /** The SQLs expected while the incident lasts, at the steady state (q times the MQLs arriving). */
    double expectedSqls(Scenario s) {
        return CONVERSION * s.expectedDuringIncident();
    }

    @Override
    public double effectSize(Scenario s) {
        return EffectSize.stall(expectedSqls(s));
    }
}
