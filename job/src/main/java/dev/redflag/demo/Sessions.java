package dev.redflag.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Web sessions of one tenant: landing page and channel by their shares, bounces by page and
 * conversions by channel. A converting session never bounces, so the conversion chance of the
 * sessions that stay is scaled up by the page's baseline bounce rate; that keeps each channel's
 * overall conversion at its configured baseline, and makes a bounce spike on a page cost
 * conversions as it would on a real site.
 */
final class Sessions implements Source {

    private static final long[] PRICES_CENTS = {2_900, 9_900, 49_900};
    private static final double[] PRICE_WEIGHTS = Draw.cumulative(new double[] {0.6, 0.3, 0.1});

    private final String tenant;
    private final SplittableRandom r;
    private final double perMinute;
    private final List<TrafficModel.Page> pages;
    private final List<TrafficModel.Channel> channels;
    private final double[] pageWeights;
    private final double[] channelWeights;
    private long counter;

    Sessions(TrafficModel model, String tenant, SplittableRandom r) {
        this.tenant = tenant;
        this.r = r;
        this.perMinute = model.volume().sessionsPerMinute();
        this.pages = model.pages();
        this.channels = model.channels();
        this.pageWeights = Draw.cumulative(pages.stream().mapToDouble(TrafficModel.Page::share).toArray());
        this.channelWeights = Draw.cumulative(
                channels.stream().mapToDouble(TrafficModel.Channel::share).toArray());
    }

    @Override
    public void minute(Minute m) {
        int n = Draw.poisson(r, perMinute * m.traffic());
        IncidentSchedule incidents = m.incidents();
        for (int i = 0; i < n; i++) {
            long at = m.randomTime(r);
            long since = m.sinceStart(at);
            TrafficModel.Page page = pages.get(Draw.pick(r, pageWeights));
            TrafficModel.Channel channel = channels.get(Draw.pick(r, channelWeights));
            // the device before the bounce: a bounce spike may be confined to one
            String device = Draw.chance(r, 0.55) ? "mobile" : "desktop";
            boolean bounced = Draw.chance(r,
                    incidents.bounceRate(tenant, page.path(), channel.name(), device, since, page.bounceRate()));
            boolean converted = false;
            int pageviews = 1;
            long duration = 1 + r.nextInt(40);
            if (!bounced) {
                double p = channel.conversionRate() / (1 - page.bounceRate())
                        * incidents.conversionFactor(tenant, channel.name(), since);
                converted = Draw.chance(r, p);
                pageviews = 2 + (int) Draw.exponential(r, 2.5);
                duration = 20 + Math.round(Draw.exponential(r, 200));
            }
            long revenue = converted ? PRICES_CENTS[Draw.pick(r, PRICE_WEIGHTS)] : 0;
            m.begin("session", at, tenant)
                    .dim("device", device)
                    .str("session_id", tenant + "-s" + (++counter))
                    .str("page", page.path())
                    .str("channel", channel.name())
                    .num("pageviews", pageviews)
                    .num("duration_s", duration)
                    .bool("converted", converted)
                    .cents("revenue", revenue);
            m.commit();
        }
    }
}
