package dev.redflag.demo;

import java.util.SplittableRandom;

/**
 * A {@code metric} sample per minute: the support team's queue depth, standing in for any KPI a
 * team already computes elsewhere. A mean-reverting walk that follows the day cycle, so it looks
 * like a real gauge rather than noise.
 */
final class SupportQueue implements Source {

    static final String NAME = "support_queue_depth";
    private static final double MEAN_DEPTH = 12;

    private final String tenant;
    private final SplittableRandom r;
    private double depth = MEAN_DEPTH;

    SupportQueue(String tenant, SplittableRandom r) {
        this.tenant = tenant;
        this.r = r;
    }

    @Override
    public void minute(Minute m) {
        depth += 0.2 * (MEAN_DEPTH * m.traffic() - depth) + 1.5 * r.nextGaussian();
        depth = Math.max(0, depth);
        m.begin("metric", m.randomTime(r), tenant)
                .dim("team", "support")
                .str("name", NAME)
                .num("value", Math.round(depth));
        m.commit();
    }
}
