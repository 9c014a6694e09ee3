package dev.redflag.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Subscribers and buyers of one tenant. Churn, retention, ARPU and CLV all follow customers
 * across events, so ids must stay consistent: only active subscribers cancel, expire or renew;
 * orders come from known customers unless flagged {@code new_customer}, which brings a new id.
 * Customers who appear in a minute are only picked up by later minutes, so no event of a customer
 * can be stamped before that customer's first one, even with out-of-order jitter.
 */
final class Customers implements Source {

    private static final String[] PLANS = {"basic", "pro", "enterprise"};
    private static final long[] PLAN_MRR_CENTS = {2_900, 9_900, 49_900};
    private static final double[] PLAN_WEIGHTS = Draw.cumulative(new double[] {0.6, 0.3, 0.1});
    /** Renewals: every subscriber about once per 30 days. */
    private static final double RENEWALS_PER_MINUTE = 1.0 / (30 * 24 * 60);
    private static final double CANCEL_SHARE = 0.85;
    /** Spread of the initial population's start events over the first seconds. */
    private static final int INITIAL_SPREAD_MILLIS = 10_000;

    private record Subscriber(String id, int plan, long sinceMinute) {
    }

    private final String tenant;
    private final SplittableRandom r;
    private final TrafficModel.Volume volume;
    private final double churnPerMinute;
    private final double newCustomerShare;
    private final List<String> channels;
    private final double[] channelWeights;

    private final List<Subscriber> active = new ArrayList<>();
    private final List<String> known = new ArrayList<>();
    private final List<String> newThisMinute = new ArrayList<>();
    private long customerCounter;
    private long orderCounter;

    Customers(TrafficModel model, String tenant, SplittableRandom r) {
        this.tenant = tenant;
        this.r = r;
        this.volume = model.volume();
        this.churnPerMinute = model.behaviour().churnPerHour() / 60;
        this.newCustomerShare = model.behaviour().newCustomerShare();
        this.channels = model.channels().stream().map(TrafficModel.Channel::name).toList();
        this.channelWeights = Draw.cumulative(
                model.channels().stream().mapToDouble(TrafficModel.Channel::share).toArray());
    }

    @Override
    public void minute(Minute m) {
        long minute = m.from() / Minute.MILLIS;
        if (m.isFirst()) {
            for (int i = 0; i < volume.initialSubscribers(); i++) {
                start(m, m.from() + r.nextInt(INITIAL_SPREAD_MILLIS), minute);
            }
        }
        double factor = m.incidents().churnFactor(tenant, m.sinceStart(m.from()));
        int losses = Draw.poisson(r, active.size() * churnPerMinute * factor);
        for (int i = 0; i < losses && !active.isEmpty(); i++) {
            int idx = r.nextInt(active.size());
            Subscriber s = active.get(idx);
            if (s.sinceMinute == minute) {
                continue;
            }
            active.set(idx, active.get(active.size() - 1));
            active.remove(active.size() - 1);
            subscription(m, m.randomTime(r), s,
                    Draw.chance(r, CANCEL_SHARE) ? "cancel" : "expire");
        }
        int starts = Draw.poisson(r, volume.initialSubscribers() * churnPerMinute);
        for (int i = 0; i < starts; i++) {
            start(m, m.randomTime(r), minute);
        }
        int renewals = Draw.poisson(r, active.size() * RENEWALS_PER_MINUTE);
        for (int i = 0; i < renewals; i++) {
            Subscriber s = active.get(r.nextInt(active.size()));
            if (s.sinceMinute != minute) {
                subscription(m, m.randomTime(r), s, "renew");
            }
        }
        orders(m);
        known.addAll(newThisMinute);
        newThisMinute.clear();
    }

    private void start(Minute m, long at, long minute) {
        Subscriber s = new Subscriber(newCustomerId(), Draw.pick(r, PLAN_WEIGHTS), minute);
        active.add(s);
        subscription(m, at, s, "start");
    }

    private void subscription(Minute m, long at, Subscriber s, String action) {
        m.begin("subscription", at, tenant)
                .str("customer_id", s.id)
                .str("action", action)
                .str("plan", PLANS[s.plan])
                .cents("mrr", PLAN_MRR_CENTS[s.plan]);
        m.commit();
    }

    private void orders(Minute m) {
        int n = Draw.poisson(r, volume.ordersPerMinute() * m.traffic());
        for (int i = 0; i < n; i++) {
            long at = m.randomTime(r);
            boolean isNew = known.isEmpty() || Draw.chance(r, newCustomerShare);
            String customer = isNew ? newCustomerId() : known.get(r.nextInt(known.size()));
            long amount = 1_500 + Math.round(Draw.exponential(r, 6_000));
            long margin = Math.round(amount * Draw.between(r, 0.2, 0.5));
            m.begin("order", at, tenant)
                    .str("order_id", tenant + "-o" + (++orderCounter))
                    .str("customer_id", customer)
                    .cents("amount", amount)
                    .cents("margin", margin)
                    .str("channel", channels.get(Draw.pick(r, channelWeights)))
                    .bool("new_customer", isNew);
            m.commit();
        }
    }

    private String newCustomerId() {
        String id = tenant + "-c" + (++customerCounter);
        newThisMinute.add(id);
        return id;
    }
}
