package dev.redflag.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Ad spend of one tenant, one record per channel every few minutes as ad platforms report it.
 * Clicks follow the channel's share of session volume, so CPC and CTR stay at the channel's
 * configured values and CPA moves with the new customers the orders bring.
 */
final class AdSpend implements Source {

    private final String tenant;
    private final SplittableRandom r;
    private final List<TrafficModel.Channel> channels;
    private final double[] clicksPerInterval;
    private final int everyMinutes;

    AdSpend(TrafficModel model, String tenant, SplittableRandom r) {
        this.tenant = tenant;
        this.r = r;
        this.channels = model.channels();
        this.everyMinutes = model.volume().adSpendEveryMinutes();
        double totalShare = channels.stream().mapToDouble(TrafficModel.Channel::share).sum();
        this.clicksPerInterval = channels.stream()
                .mapToDouble(c -> model.volume().sessionsPerMinute() * everyMinutes * c.share() / totalShare)
                .toArray();
    }

    @Override
    public void minute(Minute m) {
        if (m.from() / Minute.MILLIS % everyMinutes != 0) {
            return;
        }
        for (int i = 0; i < channels.size(); i++) {
            TrafficModel.Channel c = channels.get(i);
            long clicks = Draw.poisson(r, clicksPerInterval[i] * m.traffic());
            long impressions = Math.round(clicks / c.ctr() * Draw.between(r, 0.9, 1.1));
            long cost = Math.round(clicks * c.cpc() * 100 * Draw.between(r, 0.9, 1.1));
            m.begin("ad_spend", m.randomTime(r), tenant)
                    .str("channel", c.name())
                    .str("campaign", c.campaign())
                    .cents("cost", cost)
                    .num("impressions", impressions)
                    .num("clicks", clicks);
            m.commit();
        }
    }
}
