package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiFormat;
import dev.redflag.kpi.Slice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The four answers an explanation gives, on a page whose sessions are a third paid and two thirds
 * organic, half mobile and half desktop (independently), with the figures worked out by hand.
 */
class SliceExplainerTest {

    private static final long DAY = 86_400_000L;
    private static final double NaN = Double.NaN;
    private static final KpiFormat PERCENT = new KpiFormat(KpiFormat.Kind.RATIO, 1, "");

    /** Counted outcomes: each session adds 0 or 1 bounce and 1 session. */
    static Slice slice(String name, double bounces, double sessions) {
        return new Slice(name, bounces, sessions, (long) sessions, bounces, bounces, sessions);
    }

    static SliceBaseline.Sums sums(double bounces, double sessions) {
        return new SliceBaseline.Sums(bounces, sessions, sessions, bounces, bounces, sessions, 0, 0);
    }

    /** A baseline of 14 days (336 hourly windows) holding these slices. */
    static SliceBaseline baseline(List<Slice> slices) {
        List<SliceBaseline.Entry> entries = new ArrayList<>();
        for (Slice s : slices) {
            entries.add(new SliceBaseline.Entry(s.name(), sums(s.numerator(), s.denominator())));
        }
        return SliceBaseline.of(new SliceBaseline.State(0, 14 * DAY, 336, entries), 64);
    }

    /**
     * One window of a page by channel, device and both: paid and organic, mobile and desktop,
     * with the sessions and bounce rates of the four pairs (paid·mobile, paid·desktop,
     * organic·mobile, organic·desktop); the marginals are their sums.
     */
    static List<Slice> page(double[] sessions, double[] rates) {
        String[] pairs = {"channel=paid,device=mobile", "channel=paid,device=desktop", "channel=organic,device=mobile",
                "channel=organic,device=desktop"};
        double[] a = new double[4];
        for (int i = 0; i < 4; i++) {
            a[i] = sessions[i] * rates[i];
        }
        List<Slice> out = new ArrayList<>();
        out.add(slice("channel=paid", a[0] + a[1], sessions[0] + sessions[1]));
        out.add(slice("channel=organic", a[2] + a[3], sessions[2] + sessions[3]));
        out.add(slice("device=mobile", a[0] + a[2], sessions[0] + sessions[2]));
        out.add(slice("device=desktop", a[1] + a[3], sessions[1] + sessions[3]));
        for (int i = 0; i < 4; i++) {
            out.add(slice(pairs[i], a[i], sessions[i]));
        }
        return out;
    }

    /** 14 days of the page at 40% bounce everywhere, 600 sessions an hour. */
    private static final SliceBaseline USUAL = baseline(page(new double[] {1000, 1000, 2000, 2000},
            new double[] {0.4, 0.4, 0.4, 0.4}));
    private static final double[] HOUR = {100, 100, 200, 200};

    @Test
    void aRiseConfinedToOneSliceNamesItAlone() {
        // paid 40% → 90%: 180 + 160 = 340 bounces of 600, the page 40% → 56.7%, Δ = 1/6. Paid's rate
        // effect w0 (p1 − p0) = 1/3 · 0.5 = 1/6: all of it, organic unmoved. By device both halves rise
        // alike (no candidate); the pairs need two slices (paid·mobile, paid·desktop) to say the same.
        Explanation e = SliceExplainer.explain(SliceKind.RATIO, USUAL, page(HOUR, new double[] {0.9, 0.9, 0.4, 0.4}),
                NaN);
        assertThat(e.verdict()).isEqualTo(Explanation.Verdict.SLICES);
        assertThat(e.baselineValue()).isCloseTo(0.4, within(1e-12));
        assertThat(e.currentValue()).isCloseTo(340.0 / 600, within(1e-12));
        assertThat(e.named()).hasSize(1);
        SliceChange paid = e.named().get(0);
        assertThat(paid.slice()).isEqualTo("channel=paid");
        assertThat(paid.baselineValue()).isCloseTo(0.4, within(1e-12));
        assertThat(paid.currentValue()).isCloseTo(0.9, within(1e-12));
        assertThat(paid.baselineShare()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(paid.currentShare()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(paid.rateEffect()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(paid.mixEffect()).isCloseTo(0, within(1e-12));
        assertThat(paid.explanatoryPower()).isCloseTo(1, within(1e-12));
        assertThat(e.lines("sessions", 1, PERCENT::value)).containsExactly("channel=paid: 40% → 90% on 33% of sessions, all of the rise");
        // the ranked list keeps every slice: paid first, then the two paid pairs (half each)
        assertThat(e.ranked()).extracting(SliceChange::slice).startsWith("channel=paid");
        assertThat(e.ranked()).hasSize(8);
    }

    @Test
    void aRiseConfinedToAPairNamesThePairNotItsMarginals() {
        // paid·mobile 40% → 90%: 90 + 40 + 80 + 80 = 290 bounces, Δ = 290/600 − 0.4 = 1/12. Paid
        // (130/200), mobile (170/300) and paid·mobile each explain all of it alone, their rests unmoved;
        // the pair's share of bounces moves most, 1/6 → 90/290 (surprise 0.0159 bits, against 0.0061
        // for paid's 1/3 → 130/290 and 0.0025 for mobile's 1/2 → 170/290), so the pair is named.
        Explanation e = SliceExplainer.explain(SliceKind.RATIO, USUAL, page(HOUR, new double[] {0.9, 0.4, 0.4, 0.4}),
                NaN);
        assertThat(e.verdict()).isEqualTo(Explanation.Verdict.SLICES);
        assertThat(e.named()).extracting(SliceChange::slice).containsExactly("channel=paid,device=mobile");
        SliceChange pair = e.named().get(0);
        assertThat(pair.rateEffect()).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(pair.explanatoryPower()).isCloseTo(1, within(1e-12));
        assertThat(pair.surprise()).isCloseTo(0.0158537, within(1e-7));
        assertThat(surprise(e, "channel=paid")).isCloseTo(0.0061187, within(1e-7));
        assertThat(surprise(e, "device=mobile")).isCloseTo(0.0024703, within(1e-7));
        assertThat(e.lines("sessions", 1, PERCENT::value)).containsExactly(
                "channel=paid, device=mobile: 40% → 90% on 17% of sessions, all of the rise");
    }

    @Test
    void trafficMovingToAHighBounceChannelIsExplainedAsMix() {
        // paid bounces 80%, organic 30%; their shares move from 20/80 to 50/50, no rate changes.
        // The page: 0.2·0.8 + 0.8·0.3 = 40% → 0.5·0.8 + 0.5·0.3 = 55%, Δ = 0.15, all of it mix:
        // paid (0.5 − 0.2)(0.8 − 0.4) = 0.12 (80%), organic (0.5 − 0.8)(0.3 − 0.4) = 0.03 (20%).
        SliceBaseline usual = baseline(page(new double[] {1000, 1000, 4000, 4000}, new double[] {0.8, 0.8, 0.3, 0.3}));
        Explanation e = SliceExplainer.explain(SliceKind.RATIO, usual,
                page(new double[] {150, 150, 150, 150}, new double[] {0.8, 0.8, 0.3, 0.3}), NaN);
        assertThat(e.verdict()).isEqualTo(Explanation.Verdict.MIX);
        assertThat(e.baselineValue()).isCloseTo(0.4, within(1e-12));
        assertThat(e.currentValue()).isCloseTo(0.55, within(1e-12));
        assertThat(e.named()).extracting(SliceChange::slice).containsExactly("channel=paid");
        SliceChange paid = e.named().get(0);
        assertThat(paid.rateEffect()).isCloseTo(0, within(1e-12));
        assertThat(paid.mixEffect()).isCloseTo(0.12, within(1e-12));
        assertThat(paid.explanatoryPower()).isCloseTo(0.8, within(1e-12));
        assertThat(paid.baselineShare()).isCloseTo(0.2, within(1e-12));
        assertThat(paid.currentShare()).isCloseTo(0.5, within(1e-12));
        assertThat(mix(e, "channel=organic")).isCloseTo(0.03, within(1e-12));
        assertThat(e.lines("sessions", 1, PERCENT::value)).containsExactly(
                "channel=paid: 80% → 80% on 50% of sessions (20% before), 80% of the rise, by mix");
    }

    @Test
    void aPageWideRiseSinglesOutNoSlice() {
        // every slice 40% → 60%: each explains its share of sessions, and the rest of every dimension
        // rose as much
        Explanation e = SliceExplainer.explain(SliceKind.RATIO, USUAL, page(HOUR, new double[] {0.6, 0.6, 0.6, 0.6}),
                NaN);
        assertThat(e.verdict()).isEqualTo(Explanation.Verdict.ACROSS_ALL);
        assertThat(e.named()).isEmpty();
        assertThat(e.currentValue()).isCloseTo(0.6, within(1e-12));
        assertThat(power(e, "channel=paid")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(power(e, "channel=organic")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(surprise(e, "channel=paid")).isCloseTo(0, within(1e-12));
        assertThat(e.lines("sessions", 1, PERCENT::value)).containsExactly("across all slices: 40% → 60%");
    }

    @Test
    void theParentsSeasonalExpectationIsNoChangeToExplain() {
        // the page usually bounces 48% at this hour (its seasonal baseline), 40% on average: every
        // slice at 48% is what the hour expects
        Explanation seasonal = SliceExplainer.explain(SliceKind.RATIO, USUAL,
                page(HOUR, new double[] {0.48, 0.48, 0.48, 0.48}), 0.48);
        assertThat(seasonal.verdict()).isEqualTo(Explanation.Verdict.NO_CHANGE);
        assertThat(seasonal.lines("sessions", 1, PERCENT::value)).isEmpty();
        // without it, the hour reads as a page-wide rise
        assertThat(SliceExplainer.explain(SliceKind.RATIO, USUAL, page(HOUR, new double[] {0.48, 0.48, 0.48, 0.48}),
                NaN).verdict()).isEqualTo(Explanation.Verdict.ACROSS_ALL);
    }

    @Test
    void aCountsChangeIsSharedOutByTotals() {
        // orders: paid 10 and organic 30 an hour over 100 windows; now paid 30, organic 30: Δ = 20, all paid's
        SliceBaseline usual = SliceBaseline.of(new SliceBaseline.State(0, 14 * DAY, 100, List.of(
                new SliceBaseline.Entry("channel=paid", new SliceBaseline.Sums(1000, 1000, 1000, 1000, 1000, 1000, 0, 0)),
                new SliceBaseline.Entry("channel=organic",
                        new SliceBaseline.Sums(3000, 3000, 3000, 3000, 3000, 3000, 0, 0)))), 64);
        Explanation e = SliceExplainer.explain(SliceKind.TOTAL, usual,
                List.of(slice("channel=paid", 30, 30), slice("channel=organic", 30, 30)), NaN);
        assertThat(e.verdict()).isEqualTo(Explanation.Verdict.SLICES);
        assertThat(e.baselineValue()).isCloseTo(40, within(1e-9));
        assertThat(e.currentValue()).isEqualTo(60);
        SliceChange paid = e.named().get(0);
        assertThat(paid.baselineValue()).isCloseTo(10, within(1e-9));
        assertThat(paid.currentValue()).isEqualTo(30);
        assertThat(paid.baselineShare()).isCloseTo(0.25, within(1e-12));
        assertThat(paid.currentShare()).isCloseTo(0.5, within(1e-12));
        assertThat(paid.explanatoryPower()).isCloseTo(1, within(1e-12));
        assertThat(e.lines("orders", 1, Show::num)).containsExactly("channel=paid: 10 → 30, all of the rise");
    }

    @Test
    void theDivergenceIsJensenShannonsInBits() {
        assertThat(SliceExplainer.divergence(0.5, 0.5)).isZero();
        // p = 0, q = 1: ½ · 1 · log₂ 2 = 0.5
        assertThat(SliceExplainer.divergence(0, 1)).isCloseTo(0.5, within(1e-15));
        // 1/3 → 2/3: ½ [1/3 log₂(2/3) + 2/3 log₂(4/3)] = 0.0408
        assertThat(SliceExplainer.divergence(1.0 / 3, 2.0 / 3)).isCloseTo(
                0.5 * (Math.log(2.0 / 3) / 3 + 2 * Math.log(4.0 / 3) / 3) / Math.log(2), within(1e-15));
    }

    private static double surprise(Explanation e, String slice) {
        return find(e, slice).surprise();
    }

    private static double power(Explanation e, String slice) {
        return find(e, slice).explanatoryPower();
    }

    private static double mix(Explanation e, String slice) {
        return find(e, slice).mixEffect();
    }

    private static SliceChange find(Explanation e, String slice) {
        return e.ranked().stream().filter(c -> c.slice().equals(slice)).findFirst().orElseThrow();
    }

    /** A ratio's values read as its headline does, three significant digits; shares stay whole. */
    @Test
    void ratiosAreShownToThreeSignificantDigitsAsTheHeadlineShowsThem() {
        Explanation e = new Explanation(Explanation.Verdict.ACROSS_ALL, true, 0.0359, 0.00665, List.of(), List.of());

        assertThat(e.lines("sessions", 1, PERCENT::value)).containsExactly("across all slices: 3.59% → 0.665%");
    }

    /** NPS is a ratio of scale 100: its values are shown in the KPI's format, not as percentages. */
    @Test
    void valuesOtherThanPercentagesAreShownInTheKpisFormat() {
        Explanation e = new Explanation(Explanation.Verdict.ACROSS_ALL, true, 0.2724, -0.2188, List.of(), List.of());

        assertThat(e.lines("answers", 100, v -> String.format(java.util.Locale.ROOT, "%+.0f", v)))
                .containsExactly("across all slices: +27 → -22");
        assertThat(e.lines("answers", 100, Show::num)).containsExactly("across all slices: 27.24 → -21.88");
    }
}
