package dev.redflag.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * E-mail campaigns of one tenant. Each campaign sends one burst an hour, at its own minute of the
 * hour; deliveries and bounces follow within seconds and opens, clicks and unsubscribes trickle in
 * over the following minutes to hours, as they do after a real send — which is why open and click
 * rates are only meaningful over windows, not per burst.
 */
final class EmailCampaigns implements Source {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;
    private static final double DELIVERED = 0.97;
    private static final double UNSUBSCRIBE_PER_OPEN = 0.01;
    private static final double MEAN_OPEN_DELAY = 20 * MINUTE;
    private static final double MAX_OPEN_DELAY = 6 * 60 * MINUTE;

    private final String tenant;
    private final SplittableRandom r;
    private final List<String> campaigns;
    private final int[] sendMinute;
    private final int perBurst;
    private final double openRate;
    private final double clickPerOpen;

    EmailCampaigns(TrafficModel model, String tenant, SplittableRandom r) {
        this.tenant = tenant;
        this.r = r;
        this.campaigns = model.emailCampaigns();
        this.sendMinute = new int[campaigns.size()];
        for (int i = 0; i < sendMinute.length; i++) {
            sendMinute[i] = (5 + i * 60 / sendMinute.length) % 60;
        }
        this.perBurst = model.volume().emailsPerCampaignHour();
        this.openRate = model.behaviour().emailOpenRate();
        this.clickPerOpen = openRate == 0 ? 0 : model.behaviour().emailClickRate() / openRate;
    }

    @Override
    public void minute(Minute m) {
        long minuteOfHour = m.from() / MINUTE % 60;
        for (int c = 0; c < sendMinute.length; c++) {
            if (sendMinute[c] == minuteOfHour) {
                burst(m, campaigns.get(c));
            }
        }
    }

    private void burst(Minute m, String campaign) {
        FollowUp delivered = (mm, at) -> delivered(mm, at, campaign);
        FollowUp bounced = (mm, at) -> emit(mm, at, campaign, "bounce");
        for (int i = 0; i < perBurst; i++) {
            long at = m.randomTime(r);
            emit(m, at, campaign, "sent");
            if (Draw.chance(r, DELIVERED)) {
                m.schedule(at + Draw.between(r, SECOND, 90 * SECOND), delivered);
            } else {
                m.schedule(at + Draw.between(r, SECOND, 60 * SECOND), bounced);
            }
        }
    }

    private void delivered(Minute m, long at, String campaign) {
        emit(m, at, campaign, "delivered");
        if (Draw.chance(r, openRate)) {
            boolean clicks = Draw.chance(r, clickPerOpen);
            long delay = Math.round(Math.min(MAX_OPEN_DELAY, Draw.exponential(r, MEAN_OPEN_DELAY)));
            m.schedule(at + SECOND + delay, (mm, t) -> opened(mm, t, campaign, clicks));
        }
    }

    private void opened(Minute m, long at, String campaign, boolean clicks) {
        emit(m, at, campaign, "open");
        if (clicks) {
            m.schedule(at + Draw.between(r, 5 * SECOND, 5 * MINUTE),
                    (mm, t) -> emit(mm, t, campaign, "click"));
        }
        if (Draw.chance(r, UNSUBSCRIBE_PER_OPEN)) {
            m.schedule(at + Draw.between(r, 10 * SECOND, 10 * MINUTE),
                    (mm, t) -> emit(mm, t, campaign, "unsubscribe"));
        }
    }

    private void emit(Minute m, long at, String campaign, String action) {
        m.begin("email", at, tenant)
                .str("campaign", campaign)
                .str("action", action);
        m.commit();
    }
}
