package dev.redflag.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * NPS answers of one tenant. Answers are drawn from a promoter/passive/detractor mix that yields
 * the baseline NPS, or the NPS an incident dictates for a segment; the passive share stays at its
 * baseline where possible so only the balance between fans and critics moves.
 */
final class Surveys implements Source {

    private static final String[] PRODUCTS = {"core", "analytics", "mobile-app"};
    /** Detractor scores, weighted towards the mildly unhappy. */
    private static final int[] DETRACTOR_SCORES = {0, 1, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6};

    private final String tenant;
    private final SplittableRandom r;
    private final double perMinute;
    private final List<String> segments;
    private final double baselineNps;
    private final double passives;
    private long counter;

    Surveys(TrafficModel model, String tenant, SplittableRandom r) {
        this.tenant = tenant;
        this.r = r;
        this.perMinute = model.volume().npsPerMinute();
        this.segments = model.segments();
        TrafficModel.Behaviour b = model.behaviour();
        this.baselineNps = b.nps();
        this.passives = 1 - b.npsPromoters() - b.npsDetractors();
    }

    @Override
    public void minute(Minute m) {
        int n = Draw.poisson(r, perMinute * m.traffic());
        for (int i = 0; i < n; i++) {
            long at = m.randomTime(r);
            String segment = segments.get(r.nextInt(segments.size()));
            double nps = m.incidents().nps(tenant, segment, m.sinceStart(at), baselineNps);
            m.begin("nps", at, tenant)
                    .str("respondent_id", tenant + "-r" + (++counter))
                    .num("score", score(nps / 100))
                    .str("segment", segment)
                    .str("product", PRODUCTS[r.nextInt(PRODUCTS.length)]);
            m.commit();
        }
    }

    /** A score from the mix with promoters − detractors = {@code nps} (as a fraction). */
    private int score(double nps) {
        double promoters = (1 - passives + nps) / 2;
        double detractors = (1 - passives - nps) / 2;
        if (promoters < 0) {
            promoters = 0;
            detractors = -nps;
        } else if (detractors < 0) {
            detractors = 0;
            promoters = nps;
        }
        double u = r.nextDouble();
        if (u < promoters) {
            return 9 + r.nextInt(2);
        }
        if (u < promoters + detractors) {
            return DETRACTOR_SCORES[r.nextInt(DETRACTOR_SCORES.length)];
        }
        return 7 + r.nextInt(2);
    }
}
