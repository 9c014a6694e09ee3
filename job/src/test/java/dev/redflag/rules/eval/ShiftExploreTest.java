package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

class ShiftExploreTest {

    static int poisson(SplittableRandom r, double mean) {
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    interface Gen {
        /** returns {num, den, aa, ab, bb, value} or null for no window */
        double[] window(SplittableRandom r, long ws, double season, boolean incident);
    }

    void run(String name, Condition.Shift shift, Gen gen, long incLen) {
        for (int seed = 1; seed <= 3; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            SeriesHistory h = SeriesHistory.forLookback(ShiftDetector.lookback(shift, TestRules.HOUR));
            int days = 70;
            long start = TestRules.T0 - 40 * TestRules.DAY;
            long incStart = start + 50 * TestRules.DAY + 3 * TestRules.HOUR;
            long incEnd = incStart + incLen;
            int fa = 0;
            boolean was = false;
            long detected = -1;
            String how = "";
            for (int i = 0; i < days * 24; i++) {
                long ws = start + i * TestRules.HOUR;
                int hod = (int) ((ws / TestRules.HOUR) % 24);
                double season = 1 + 0.6 * Math.cos((hod - 15) * Math.PI / 12);
                double[] x = gen.window(r, ws, season, ws >= incStart && ws < incEnd);
                if (x == null) {
                    continue;
                }
                KpiValue v = new KpiValue("k", "1h", Map.of(), ws, ws + TestRules.HOUR, x[5], x[0], x[1], (long) x[1], x[2], x[3], x[4]);
                Judgement j = RuleEvaluator.judge(shift, 0, h, v);
                h.add(v);
                boolean active = j.judged() && j.active();
                if (name.startsWith("stall") && seed == 1 && (ws == incStart + 2 * TestRules.DAY || ws == incStart + 4 * TestRules.DAY)) System.out.println("    DEBUG " + j.reason());
                if (active && !was) {
                    if (ws >= incStart && ws < incEnd + TestRules.DAY) {
                        if (detected < 0) {
                            detected = ws + TestRules.HOUR - incStart;
                            how = j.judgedWindow();
                        }
                    } else {
                        fa++;
                        if (fa < 3) System.out.println("    FA day " + (ws - start) / TestRules.DAY + ": " + j.reason());
                    }
                }
                was = active;
            }
            System.out.printf("%s seed %d: FA %d, TTD %s (%s) of %dh%n", name, seed, fa,
                    detected < 0 ? "never" : detected / TestRules.HOUR + "h", how, incLen / TestRules.HOUR);
        }
    }

    @Test
    void explore() {
        if (true) {
        Condition.Shift stall = new Condition.Shift(Condition.Direction.DOWN, 100, Double.NaN, 5, true, true, false, null);
        for (double leadsPerDay : new double[] {12}) {
            run("stall " + leadsPerDay + "/day 1w", stall, (r, ws, season, inc) -> {
                int mql = poisson(r, leadsPerDay / 24 * season);
                int sql = inc ? 0 : poisson(r, 0.3 * leadsPerDay / 24 * season);
                if (mql == 0 && sql == 0) return null;
                return new double[] {sql, mql, sql, 0, mql, mql == 0 ? Double.NaN : (double) sql / mql};
            }, TestRules.WEEK);
        }
        }
        Condition.Shift npsDrop = new Condition.Shift(Condition.Direction.DOWN, Double.NaN, 15, 5, true, false, true, null);
        for (double perDay : new double[] {15, 150, 1500}) {
            run("nps " + perDay + "/day -60 1w", npsDrop, (r, ws, season, inc) -> {
                int n = poisson(r, perDay / 24 * season);
                if (n == 0) return null;
                double pp = inc ? 0.25 : 0.55, pd = inc ? 0.45 : 0.15;
                int P = 0, D = 0;
                for (int i = 0; i < n; i++) { double u = r.nextDouble(); if (u < pp) P++; else if (u < pp + pd) D++; }
                return new double[] {P - D, n, P + D, P - D, n, 100.0 * (P - D) / n};
            }, TestRules.WEEK);
        }
        Condition.Shift churnRise = new Condition.Shift(Condition.Direction.UP, 50, Double.NaN, 5, true, false, false, null);
        for (int base : new int[] {300, 3000, 30000}) {
            run("churn " + base + " x10 1d", churnRise, (r, ws, season, inc) -> {
                int c = poisson(r, base * 0.002 / 24 * (inc ? 10 : 1));
                return new double[] {c, base, c, c, base, (double) c / base};
            }, TestRules.DAY);
        }
        Condition.Shift arpuDrop = new Condition.Shift(Condition.Direction.DOWN, 20, Double.NaN, 5, true, false, false, null);
        run("arpu 2 orders/h quiet", arpuDrop, (r, ws, season, inc) -> {
            int orders = poisson(r, 2 * season);
            double rev = 0, sq = 0;
            for (int i = 0; i < orders; i++) { double a = 20 + 80 * r.nextDouble() * r.nextDouble() * 3; rev += a; sq += a * a; }
            return new double[] {rev, 3000, sq, rev, 3000, rev / 3000};
        }, TestRules.HOUR);
        Condition.Shift stall = new Condition.Shift(Condition.Direction.DOWN, 100, Double.NaN, 5, true, true, false, null);
        for (double leadsPerDay : new double[] {3, 12, 50, 500}) {
            run("stall " + leadsPerDay + "/day 1w", stall, (r, ws, season, inc) -> {
                int mql = poisson(r, leadsPerDay / 24 * season);
                int sql = inc ? 0 : poisson(r, 0.3 * leadsPerDay / 24 * season);
                if (mql == 0 && sql == 0) return null;
                return new double[] {sql, mql, sql, 0, mql, mql == 0 ? Double.NaN : (double) sql / mql};
            }, TestRules.WEEK);
        }
    }
}
