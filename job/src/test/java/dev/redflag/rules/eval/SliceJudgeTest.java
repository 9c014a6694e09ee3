package dev.redflag.rules.eval;

import dev.redflag.kpi.Slice;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Direction;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.redflag.rules.eval.SliceExplainerTest.slice;
import static dev.redflag.rules.eval.SliceExplainerTest.sums;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Slices judged with the series' statistics, under a threshold raised for how many are tested. */
class SliceJudgeTest {

    private static final long HOUR = 3_600_000L;
    private static final double NaN = Double.NaN;

    private static Condition.Shift rise(double percent, double sensitivity, List<List<String>> slices) {
        return new Condition.Shift(Direction.UP, percent, NaN, sensitivity, true, false, false, null, slices);
    }

    /** A settled baseline (14 days) of paid 400/1000 and organic 800/2000 sessions bounced, and one device. */
    private static SliceBaseline usual() {
        return SliceBaseline.of(new SliceBaseline.State(0, 14 * 24 * HOUR, 336, List.of(
                new SliceBaseline.Entry("channel=paid", sums(400, 1000)),
                new SliceBaseline.Entry("channel=organic", sums(800, 2000)),
                new SliceBaseline.Entry("device=mobile", sums(1200, 3000)))), 64);
    }

    @Test
    void theThresholdSplitsTheSeriesAlphaAmongTheSlicesTested() {
        // sensitivity 5: α = 1 − Φ(3.85) = 5.906·10⁻⁵; over 20 slices each gets α/20, z 4.5297
        assertThat(SliceJudge.threshold(5, true, 1)).isCloseTo(3.85, within(1e-9));
        assertThat(SliceJudge.threshold(5, true, 2)).isCloseTo(4.01654, within(1e-4));
        assertThat(SliceJudge.threshold(5, true, 20)).isCloseTo(4.52973, within(1e-4));
        // while the baseline warms up the series' own threshold is 4.35, so 20 slices need 4.9668
        assertThat(SliceJudge.threshold(5, false, 20)).isCloseTo(4.96679, within(1e-4));
        // what slices add to a rule's false alerts: α a window, 1.42·10⁻³ a series-day hourly, however
        // many slices; a window: auto shift itself makes 7 tests a window
        Condition.Shift plain = rise(20, 5, List.of());
        Condition.Shift sliced = rise(20, 5, List.of(List.of("channel"), List.of("channel", "device")));
        double alpha = SliceJudge.alpha(5, true);
        assertThat(FalseAlertBudget.slicesPerSeriesDay(plain, HOUR)).isZero();
        assertThat(FalseAlertBudget.slicesPerSeriesDay(sliced, HOUR)).isCloseTo(1.41741e-3, within(1e-8));
        assertThat(FalseAlertBudget.perSeriesDay(sliced, HOUR)).isCloseTo(alpha * 192, within(1e-15));
        assertThat(FalseAlertBudget.perSeriesDay(plain, HOUR)).isCloseTo(alpha * 168, within(1e-15));
    }

    @Test
    void aSliceThatMovedIsNamedWithItsEvidence() {
        // paid 70/100 against p0 = 0.4: E = 40, V = 100·0.24 + 100²·0.24/1000 = 26.4 (φ 1); organic 80/200
        // as usual. Two slices tested: threshold 4.0165
        List<Slice> now = List.of(slice("channel=paid", 70, 100), slice("channel=organic", 80, 200),
                slice("device=mobile", 150, 300));
        SliceVerdict v = SliceJudge.judge(rise(20, 5, List.of(List.of("channel"))), SliceKind.RATIO, 1, usual(), HOUR, now,
                NaN);
        assertThat(v.tested()).isEqualTo(2);
        assertThat(v.threshold()).isCloseTo(4.01654, within(1e-4));
        assertThat(v.alpha()).isCloseTo(SliceJudge.alpha(5, true) / 2, within(1e-18));
        assertThat(v.moved()).hasSize(1);
        SliceShift paid = v.top().orElseThrow();
        assertThat(paid.slice()).isEqualTo("channel=paid");
        assertThat(paid.value()).isCloseTo(0.7, within(1e-12));
        assertThat(paid.baseline()).isCloseTo(0.4, within(1e-12));
        assertThat(paid.change()).isCloseTo(75, within(1e-9));
        assertThat(paid.units()).isEqualTo(100);
        assertThat(paid.z()).isEqualTo(ShiftDetector.evidence(true, 70, 40, 26.4, true));
        // by the Poisson tail with the same mean and variance (the normal would say 30 / √26.4 = 5.84)
        assertThat(paid.z()).isCloseTo(5.2386, within(1e-4));
    }

    @Test
    void onlyTheRulesDimensionsWithABaselineAndTheRulesMinimumCount() {
        List<Slice> now = List.of(slice("channel=paid", 70, 100), slice("channel=social", 70, 100),
                slice("device=mobile", 300, 300));
        // device is not asked for, social has no baseline: paid alone is tested, at the series' own 3.85
        SliceVerdict v = SliceJudge.judge(rise(20, 5, List.of(List.of("channel"))), SliceKind.RATIO, 1, usual(), HOUR, now,
                NaN);
        assertThat(v.tested()).isEqualTo(1);
        assertThat(v.threshold()).isCloseTo(3.85, within(1e-9));
        assertThat(v.moved()).extracting(SliceShift::slice).containsExactly("channel=paid");
        // +75% is significant but not the +100% the rule asks for
        assertThat(SliceJudge.judge(rise(100, 5, List.of(List.of("channel"))), SliceKind.RATIO, 1, usual(), HOUR, now, NaN)
                .moved()).isEmpty();
        // no slices: nothing judged
        assertThat(SliceJudge.judge(rise(20, 5, List.of()), SliceKind.RATIO, 1, usual(), HOUR, now, NaN))
                .isEqualTo(SliceVerdict.NONE);
        // the parent expects 70% this hour (f = 1.75): paid at 70% is what the hour expects
        assertThat(SliceJudge.judge(rise(20, 5, List.of(List.of("channel"))), SliceKind.RATIO, 1, usual(), HOUR, now, 0.7)
                .moved()).isEmpty();
    }

    @Test
    void aRiseOfAPairNamesThePairAndARiseOfASliceTheSlice() {
        // the page of SliceExplainerTest: 14 days at 40% everywhere; judged by channel, device and both,
        // 8 slices tested: threshold z of α/8, 4.3322
        Condition.Shift s = rise(20, 5, List.of(List.of("channel"), List.of("device"), List.of("channel", "device")));
        SliceBaseline usual = SliceExplainerTest.baseline(SliceExplainerTest.page(new double[] {1000, 1000, 2000, 2000},
                new double[] {0.4, 0.4, 0.4, 0.4}));
        double[] hour = {100, 100, 200, 200};
        // paid mobile 40% → 90%: paid (+50 bounces), mobile (+50) and paid mobile (+50) all move; the
        // pair makes all of its marginals' excess, so it is named first
        SliceVerdict pair = SliceJudge.judge(s, SliceKind.RATIO, 1, usual, HOUR,
                SliceExplainerTest.page(hour, new double[] {0.9, 0.4, 0.4, 0.4}), NaN);
        assertThat(pair.tested()).isEqualTo(8);
        assertThat(pair.threshold()).isCloseTo(4.3322, within(1e-4));
        assertThat(pair.moved()).extracting(SliceShift::slice).containsExactlyInAnyOrder("channel=paid,device=mobile",
                "channel=paid", "device=mobile");
        assertThat(pair.top().orElseThrow().slice()).isEqualTo("channel=paid,device=mobile");
        // paid 40% → 90%: its two pairs make half its excess each, so paid is named first
        SliceVerdict single = SliceJudge.judge(s, SliceKind.RATIO, 1, usual, HOUR,
                SliceExplainerTest.page(hour, new double[] {0.9, 0.9, 0.4, 0.4}), NaN);
        assertThat(single.top().orElseThrow().slice()).isEqualTo("channel=paid");
        assertThat(single.moved()).extracting(SliceShift::slice).contains("channel=paid,device=mobile",
                "channel=paid,device=desktop");
    }

    /**
     * A settled slice at 40% (φ 1 from 40 residual windows) whose pools say it ran at 60% over the
     * last hours, pooled up to {@code pooledEnd}: 3h pool 120/80 expected of 200 sessions (variance 48),
     * 6h 150/120 of 300 (72); the 12h to 7d pools need 48 to 360 residual windows and are not believed.
     */
    private static SliceBaseline pooled(long pooledEnd) {
        return pooled(pooledEnd, 120);
    }

    private static SliceBaseline pooled(long pooledEnd, double threeHours) {
        SliceBaseline.Pool none = new SliceBaseline.Pool(0, 0, 0, 0, 0);
        return SliceBaseline.of(new SliceBaseline.State(0, pooledEnd, 336, HOUR, pooledEnd, Long.MIN_VALUE, List.of(
                new SliceBaseline.Entry("channel=paid", new SliceBaseline.Sums(400, 1000, 1000, 400, 400, 1000, 40, 40),
                        List.of(new SliceBaseline.Pool(threeHours, 80, 48, 200, 40), new SliceBaseline.Pool(150, 120, 72, 300, 40),
                                none, none, none, none)))), 64);
    }

    @Test
    void aRiseTooSmallForOneWindowIsFoundPooledOverTheSeriesResolutions() {
        long end = 14 * 24 * HOUR;
        SliceBaseline b = pooled(end);
        List<Slice> now = List.of(slice("channel=paid", 60, 100));
        // the window alone: E 40, V 26.4, z 3.60 by the Poisson tail, below even one slice's 3.85; and
        // 3.85 × √26.4 = 19.8 bounces is more than 20% of 40, so coarser stretches are tried: 3h and 6h
        // (neither can see 20% either), 12h not believed. Three tests: α / 3, z 4.1111
        assertThat(ShiftDetector.evidence(true, 60, 40, 26.4, true)).isLessThan(3.85);
        SliceVerdict v = SliceJudge.judge(rise(20, 5, List.of(List.of("channel"))), SliceKind.RATIO, 1, b,
                end + HOUR, now, NaN);
        assertThat(v.tested()).isEqualTo(1);
        assertThat(v.tests()).isEqualTo(3);
        assertThat(v.alpha()).isCloseTo(SliceJudge.alpha(5, true) / 3, within(1e-18));
        assertThat(v.threshold()).isCloseTo(SliceJudge.threshold(5, true, 3), within(1e-12));
        assertThat(v.threshold()).isCloseTo(4.1111, within(1e-4));
        // the 3h stretch: its pool a window older (e^(−1/3)) plus the window: O 145.98, E 97.32, V 51.04
        double f = Math.exp(-1.0 / 3);
        double o = 120 * f + 60;
        double e = 80 * f + 40;
        double var = 48 * f * f + 26.4;
        double units = 200 * f + 100;
        SliceShift paid = v.top().orElseThrow();
        assertThat(paid.slice()).isEqualTo("channel=paid");
        assertThat(paid.span()).isEqualTo(3 * HOUR);
        assertThat(paid.z()).isEqualTo(ShiftDetector.evidence(true, o, e, var, true));
        assertThat(paid.z()).isCloseTo(6.3161, within(1e-4));
        assertThat(paid.value()).isCloseTo(o / units, within(1e-12));
        assertThat(paid.baseline()).isCloseTo(0.4, within(1e-12));
        assertThat(paid.units()).isCloseTo(units, within(1e-9));
        // a shift on a named window judges the window alone: one test, nothing moved
        Condition.Shift named = new Condition.Shift(Direction.UP, 20, NaN, 5, false, false, false, null,
                List.of(List.of("channel")));
        SliceVerdict alone = SliceJudge.judge(named, SliceKind.RATIO, 1, b, end + HOUR, now, NaN);
        assertThat(alone.tests()).isEqualTo(1);
        assertThat(alone.moved()).isEmpty();
        // a window not after the last pooled one (late, repeated) is judged alone
        assertThat(SliceJudge.judge(rise(20, 5, List.of(List.of("channel"))), SliceKind.RATIO, 1, b, end, now, NaN)
                .tests()).isEqualTo(1);
    }

    @Test
    void aPooledStretchWhoseNewestPartNoLongerShowsTheChangeIsNotActive() {
        long end = 14 * 24 * HOUR;
        // 150 bounces of 200 sessions in the 3h pool, but the window is back at 40%: the 3h stretch
        // (147.5 against 97.3, z above the threshold) is an episode that ended, since its newest part
        // (the window) shows none of the rule's 20%; nothing moved
        Condition.Shift s = rise(20, 5, List.of(List.of("channel")));
        SliceBaseline b = pooled(end, 150);
        double f = Math.exp(-1.0 / 3);
        assertThat(ShiftDetector.evidence(true, 150 * f + 40, 80 * f + 40, 48 * f * f + 26.4, true))
                .isGreaterThan(SliceJudge.threshold(5, true, 3));
        SliceVerdict v = SliceJudge.judge(s, SliceKind.RATIO, 1, b, end + HOUR, List.of(slice("channel=paid", 40, 100)),
                NaN);
        assertThat(v.tests()).isEqualTo(3);
        assertThat(v.moved()).isEmpty();
        // while the window still shows it, the 3h stretch moved
        assertThat(SliceJudge.judge(s, SliceKind.RATIO, 1, b, end + HOUR, List.of(slice("channel=paid", 60, 100)), NaN)
                .top().orElseThrow().span()).isEqualTo(3 * HOUR);
    }

    /** Twenty channels of one page, from 20 to 400 sessions an hour, bouncing 20% to 58%. */
    private static final int SLICES = 20;

    private static double sessions(int s) {
        return 20.0 * (s + 1);
    }

    private static double rate(int s) {
        return 0.2 + 0.02 * s;
    }

    /** The page's daily cycle: rates ±20%, traffic ±50%. */
    private static double rateCycle(long hour) {
        return 1 + 0.2 * Math.sin(2 * Math.PI * hour / 24);
    }

    private static double trafficCycle(long hour) {
        return 1 + 0.5 * Math.sin(2 * Math.PI * (hour + 6) / 24);
    }

    private static List<Slice> hour(RandomGenerator rng, long h, int shifted, double extra) {
        List<Slice> out = new ArrayList<>();
        for (int s = 0; s < SLICES; s++) {
            int n = new PoissonDistribution(rng, sessions(s) * trafficCycle(h), PoissonDistribution.DEFAULT_EPSILON,
                    PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
            double p = rate(s) * rateCycle(h) + (s == shifted ? extra : 0);
            int k = n == 0 ? 0 : new BinomialDistribution(rng, n, Math.min(1, p)).sample();
            out.add(slice("channel=c" + s, k, n));
        }
        return out;
    }

    /** The page's expected rate at an hour: its level (sessions-weighted) times the cycle. */
    private static double parentExpected(long h) {
        double a = 0;
        double b = 0;
        for (int s = 0; s < SLICES; s++) {
            a += sessions(s) * rate(s);
            b += sessions(s);
        }
        return a / b * rateCycle(h);
    }

    @Test
    void twentyQuietSlicesStayWithinTheBudgetAndAFiveStandardErrorShiftIsFound() {
        RandomGenerator rng = new Well19937c(16);
        SliceBaseline b = new SliceBaseline();
        long h = 0;
        for (; h < 28 * 24; h++) {
            b.update(h * HOUR, (h + 1) * HOUR, hour(rng, h, -1, 0), SliceKind.RATIO, parentExpected(h));
        }
        Condition.Shift eager = rise(1, 10, List.of(List.of("channel")));
        Condition.Shift usual = rise(1, 5, List.of(List.of("channel")));
        int windows = 5000;
        int eagerAlerts = 0;
        int usualAlerts = 0;
        for (int i = 0; i < windows; i++, h++) {
            List<Slice> now = hour(rng, h, -1, 0);
            SliceVerdict v = SliceJudge.judge(eager, SliceKind.RATIO, 1, b, (h + 1) * HOUR, now, parentExpected(h));
            assertThat(v.tested()).isEqualTo(SLICES);
            eagerAlerts += v.moved().isEmpty() ? 0 : 1;
            usualAlerts += SliceJudge.judge(usual, SliceKind.RATIO, 1, b, (h + 1) * HOUR, now, parentExpected(h)).moved().isEmpty() ? 0 : 1;
            b.update(h * HOUR, (h + 1) * HOUR, now, SliceKind.RATIO, parentExpected(h));
        }
        // the budget: α per window whatever the number of slices; 4.66·10⁻³ at sensitivity 10
        // (23.3 windows of 5,000), 5.9·10⁻⁵ at 5 (0.3)
        assertThat(eagerAlerts).isLessThanOrEqualTo((int) (SliceJudge.alpha(10, true) * windows));
        assertThat(usualAlerts).isLessThanOrEqualTo(1);
        // channel 9 (200 sessions, 38%) rises by 5 binomial standard errors of its hour for 4 hours: at
        // sensitivity 5 (α split among 20 slices and the resolutions each tries, by a Poisson tail and
        // with the baseline's own error), pooled over the hours since the rise began (afresh after a
        // window it moved in was followed by one it did not), it is named in 77 of 160 hours with this
        // seed (79 judged on the hour alone, under a threshold for 20 tests rather than up to 140)
        int incidents = 40;
        int found = 0;
        int hoursFound = 0;
        for (int i = 0; i < incidents; i++) {
            boolean any = false;
            for (int k = 0; k < 4; k++, h++) {
                double n = sessions(9) * trafficCycle(h);
                double p = rate(9) * rateCycle(h);
                double fiveSe = 5 * Math.sqrt(p * (1 - p) / n);
                List<Slice> now = hour(rng, h, 9, fiveSe);
                SliceVerdict v = SliceJudge.judge(usual, SliceKind.RATIO, 1, b, (h + 1) * HOUR, now, parentExpected(h));
                boolean named = v.top().map(s -> s.slice().equals("channel=c9")).orElse(false);
                // as the rule operator does: a window on which a slice moved is pooled, not learned
                if (v.moved().isEmpty()) {
                    b.update(h * HOUR, (h + 1) * HOUR, now, SliceKind.RATIO, parentExpected(h));
                } else {
                    b.pool(h * HOUR, (h + 1) * HOUR, now, SliceKind.RATIO, parentExpected(h));
                }
                any |= named;
                hoursFound += named ? 1 : 0;
            }
            found += any ? 1 : 0;
            // a quiet day between incidents, learned as usual
            for (int k = 0; k < 20; k++, h++) {
                b.update(h * HOUR, (h + 1) * HOUR, hour(rng, h, -1, 0), SliceKind.RATIO, parentExpected(h));
            }
        }
        assertThat(hoursFound).isGreaterThanOrEqualTo(incidents * 4 * 45 / 100);
        assertThat(found).isGreaterThanOrEqualTo(incidents * 85 / 100);
    }
}
