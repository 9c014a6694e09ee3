package dev.redflag.demo;

import java.util.SplittableRandom;

/**
 * Wallet transactions of one tenant's players. The action mix is fixed and the mean amount of
 * each action is solved from the configured NGR/bets and bets/deposits ratios, so those KPIs sit
 * at their baselines on average while single transactions vary.
 */
final class Wallets implements Source {

    private static final String[] ACTIONS = {"deposit", "bet", "win", "bonus", "withdrawal"};
    private static final double[] SHARES = {0.25, 0.45, 0.20, 0.05, 0.05};
    private static final double[] WEIGHTS = Draw.cumulative(SHARES);
    private static final double BET_MEAN = 20;
    private static final double BONUS_MEAN = 10;
    private static final double WITHDRAWAL_MEAN = 60;
    private static final int PLAYERS = 500;

    private final String tenant;
    private final SplittableRandom r;
    private final double perMinute;
    private final double[] meanAmount = new double[ACTIONS.length];
    private final String[] players = new String[PLAYERS];

    Wallets(TrafficModel model, String tenant, SplittableRandom r) {
        this.tenant = tenant;
        this.r = r;
        this.perMinute = model.volume().walletPerMinute();
        TrafficModel.Behaviour b = model.behaviour();
        double bets = SHARES[1] * BET_MEAN;
        meanAmount[0] = bets / (SHARES[0] * b.betsToDeposits());
        meanAmount[1] = BET_MEAN;
        meanAmount[2] = Math.max(0, bets * (1 - b.ngrToBets()) - SHARES[3] * BONUS_MEAN) / SHARES[2];
        meanAmount[3] = BONUS_MEAN;
        meanAmount[4] = WITHDRAWAL_MEAN;
        for (int i = 0; i < PLAYERS; i++) {
            players[i] = tenant + "-p" + (i + 1);
        }
    }

    @Override
    public void minute(Minute m) {
        int n = Draw.poisson(r, perMinute * m.traffic());
        for (int i = 0; i < n; i++) {
            long at = m.randomTime(r);
            int action = Draw.pick(r, WEIGHTS);
            long cents = Math.round(100 * meanAmount[action] * Draw.between(r, 0.75, 1.25));
            m.begin("wallet", at, tenant)
                    .str("player_id", players[r.nextInt(PLAYERS)])
                    .str("action", ACTIONS[action])
                    .cents("amount", cents);
            m.commit();
        }
    }
}
