package dev.redflag.scorecard;

import java.util.List;

/**
 * NPS answers: answers Poisson around the seasonal volume, each a promoter, passive or detractor
 * with shares 0.55/0.30/0.15 (NPS +40). The day, the hour of day, each hour's beta draw and an
 * incident move share between promoters and detractors: −20 points moves 0.10 of all answers.
 */
record NpsModel(List<Volume> volumes, List<Effect> effects) implements KpiModel {

    static final double PROMOTERS = 0.55;
    static final double DETRACTORS = 0.15;
    static final double CONCENTRATION = 2000;
    /** sd of the day-level share moved between promoters and detractors (≈ 2 NPS points). */
    static final double DAY_SHIFT_SD = 0.01;

    @Override
    public String kpi() {
        return "nps";
    }

    @Override
    public HourEvents[] hours(Scenario s, Variates random) {
        double[] dayShift = new double[s.days()];
        for (int d = 0; d < dayShift.length; d++) {
            dayShift[d] = DAY_SHIFT_SD * random.normal();
        }
        return KpiModel.eachHour(s, t -> {
            long n = random.poisson(s.volume().perHour() * Seasonality.volume(t));
            double moved = dayShift[s.day(t)] - (Seasonality.rate(t) - 1) * PROMOTERS
                    - (s.inIncident(t) ? s.effect().size() / 200 : 0);
            double promoters = clamp(PROMOTERS - moved);
            double detractors = clamp(DETRACTORS + moved);
            double hourPromoters = random.betaAround(promoters, CONCENTRATION);
            double hourDetractors = clamp(detractors + promoters - hourPromoters);
            long p = random.binomial(n, hourPromoters);
            long d = random.binomial(n - p, hourPromoters >= 1 ? 0 : Math.min(1, hourDetractors / (1 - hourPromoters)));
            HourEvents events = new HourEvents();
            events.add(1, 1, p, HourEvents.MISSING);
            events.add(0, 1, n - p - d, HourEvents.MISSING);
            events.add(-1, 1, d, HourEvents.MISSING);
            return events;
        });
    }

    @Override
    public double effectSize(Scenario s) {
        return EffectSize.nps(PROMOTERS, DETRACTORS, s.effect().size(), s.expectedDuringIncident(),
                s.length().toHours(), CONCENTRATION);
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }
}
