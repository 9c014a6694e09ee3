package dev.redflag.scorecard;

import java.util.List;
import java.util.function.LongFunction;

/**
 * How one KPI's events are generated: the volumes and incidents the grid tries, the events of
 * each hour of a scenario, and the size of an incident's effect in standard errors of the KPI at
 * that volume.
 */
interface KpiModel {

    String kpi();

    List<Volume> volumes();

    /** Empty for a KPI that only has quiet histories. */
    List<Effect> effects();

    /** The events of every hour of the scenario, hour 0 at its start. */
    HourEvents[] hours(Scenario scenario, Variates random);

    /** The incident's effect summed over it, in standard errors of the KPI at the scenario's volume. */
    double effectSize(Scenario scenario);

    /** The events of each hour of the scenario, drawn in hour order from the hour's start. */
    static HourEvents[] eachHour(Scenario scenario, LongFunction<HourEvents> hour) {
        HourEvents[] hours = new HourEvents[scenario.hours()];
        for (int h = 0; h < hours.length; h++) {
            hours[h] = hour.apply(scenario.hourStart(h));
        }
        return hours;
    }

    /** A day-level multiplicative random effect per day of the scenario (mean 1, log-sd {@code sigma}). */
    static double[] dayEffects(Scenario scenario, Variates random, double sigma) {
        double[] days = new double[scenario.days()];
        for (int d = 0; d < days.length; d++) {
            days[d] = random.lognormalFactor(sigma);
        }
        return days;
    }
}
