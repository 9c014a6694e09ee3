package dev.redflag.rules.eval;

import dev.redflag.kpi.Slice;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import static dev.redflag.rules.eval.SliceExplainerTest.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-slice baseline: its decay, bounds, readiness, residuals and its state's bytes. */
class SliceBaselineTest {

    private static final long HOUR = 3_600_000L;
    private static final double NaN = Double.NaN;
    /** One hour's decay with a 28-day time constant. */
    private static final double F = Math.exp(-1.0 / 672);

    @Test
    void eachWindowDecaysWhatCameBeforeByItsDistanceInTime() {
        SliceBaseline b = new SliceBaseline(4);
        b.update(0, HOUR, List.of(slice("channel=paid", 4, 10)), SliceKind.RATIO, NaN);
        b.update(HOUR, 2 * HOUR, List.of(slice("channel=paid", 6, 10)), SliceKind.RATIO, NaN);
        SliceBaseline.Sums paid = b.slice("channel=paid");
        assertThat(paid.numerator()).isCloseTo(4 * F + 6, within(1e-12));
        assertThat(paid.denominator()).isCloseTo(10 * F + 10, within(1e-12));
        assertThat(paid.samples()).isCloseTo(10 * F + 10, within(1e-12));
        assertThat(paid.numeratorSquares()).isCloseTo(4 * F + 6, within(1e-12));
        assertThat(b.windows()).isCloseTo(F + 1, within(1e-12));
        // three hours later: three hours of decay at once
        b.update(4 * HOUR, 5 * HOUR, List.of(slice("channel=paid", 0, 10)), SliceKind.RATIO, NaN);
        assertThat(b.slice("channel=paid").numerator()).isCloseTo((4 * F + 6) * F * F * F, within(1e-12));
        assertThat(b.windows()).isCloseTo((F + 1) * F * F * F + 1, within(1e-12));
        // a late or repeated window changes nothing
        SliceBaseline.State before = b.state();
        b.update(HOUR, 2 * HOUR, List.of(slice("channel=paid", 6, 10)), SliceKind.RATIO, NaN);
        assertThat(b.state()).isEqualTo(before);
    }

    @Test
    void aNewSliceOverCapacityEvictsTheSmallestAndTheLongUnseenAreForgotten() {
        SliceBaseline b = new SliceBaseline(2);
        b.update(0, HOUR, List.of(slice("channel=paid", 1, 10), slice("channel=mail", 1, 5)), SliceKind.RATIO, NaN);
        b.update(HOUR, 2 * HOUR, List.of(slice("channel=social", 1, 1)), SliceKind.RATIO, NaN);
        // mail (5 sessions) goes rather than the newcomer (1)
        assertThat(b.slices().keySet()).containsExactly("channel=paid", "channel=social");
        b.update(2 * HOUR, 3 * HOUR, List.of(slice("channel=search", 1, 1)), SliceKind.RATIO, NaN);
        assertThat(b.slices().keySet()).containsExactly("channel=paid", "channel=search");
        // 10 sessions decay below a thousandth of one after 28 days · ln(10⁴) = 258 days
        long later = 260 * 24 * HOUR;
        b.update(later, later + HOUR, List.of(slice("channel=search", 1, 1)), SliceKind.RATIO, NaN);
        assertThat(b.slices().keySet()).containsExactly("channel=search");
    }

    @Test
    void itIsReadyAfterADayAndSettledAfterAWeek() {
        SliceBaseline b = new SliceBaseline();
        for (int h = 0; h < 24 * 7; h++) {
            assertThat(b.ready()).as("hour %d", h).isEqualTo(h >= 24);
            assertThat(b.settled()).isFalse();
            b.update(h * HOUR, (h + 1) * HOUR, List.of(slice("channel=paid", 40, 100)), SliceKind.RATIO, NaN);
        }
        assertThat(b.settled()).isTrue();
    }

    @Test
    void eachWindowAfterTheFirstDayAddsItsStandardizedResidual() {
        SliceBaseline b = new SliceBaseline();
        for (int h = 0; h < 24; h++) {
            b.update(h * HOUR, (h + 1) * HOUR, List.of(slice("channel=paid", 40, 100)), SliceKind.RATIO, NaN);
        }
        assertThat(b.slice("channel=paid").residualWindows()).isZero();
        b.update(24 * HOUR, 25 * HOUR, List.of(slice("channel=paid", 60, 100)), SliceKind.RATIO, NaN);
        // against p0 = 0.4 on S = Σ_{k=1..24} F^k windows of 100: V = 100·0.24 + 100²·0.24 / (100 S),
        // r² = 20² / V
        double s = 0;
        for (int k = 1; k <= 24; k++) {
            s += Math.pow(F, k);
        }
        SliceBaseline.Sums paid = b.slice("channel=paid");
        assertThat(paid.residualWindows()).isEqualTo(1);
        assertThat(paid.residuals()).isCloseTo(400 / (24 + 24 / s), within(1e-9));
        // φ is believed only from 24 residuals on
        assertThat(paid.phi()).isEqualTo(1);
        SliceBaseline.Sums dispersed = new SliceBaseline.Sums(0, 0, 0, 0, 0, 0, 72, 24);
        assertThat(dispersed.phi()).isEqualTo(3);
    }

    @Test
    void theStateIsWrittenIn52BytesAndAbout90PerSliceBeforeItsPools() throws IOException {
        SliceBaseline b = new SliceBaseline();
        b.update(0, HOUR, List.of(slice("channel=paid,device=mobile", 40, 100)), SliceKind.RATIO, NaN);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.state().write(new DataOutputStream(bytes));
        // 6 longs/doubles and a count; per slice 2 + 26 bytes of name, 8 doubles and a count of pools
        // (none before the baseline is judged)
        assertThat(bytes.size()).isEqualTo(52 + 2 + 26 + 64 + 1);
        SliceBaseline.State read = SliceBaseline.State.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read).isEqualTo(b.state());
        assertThat(SliceBaseline.of(read, 64).slice("channel=paid,device=mobile"))
                .isEqualTo(new SliceBaseline.Sums(40, 100, 100, 40, 40, 100, 0, 0));
    }

    @Test
    void aSliceIsExpectedAtItsRateTimesTheParentsSeasonalFactor() {
        // paid 400/1000 and organic 1600/4000 (the page at 40%); the parent expects 50% this hour: f = 1.25
        SliceBaseline b = SliceBaseline.of(new SliceBaseline.State(0, 86_400_000L * 14, 336, List.of(
                new SliceBaseline.Entry("channel=paid", SliceExplainerTest.sums(400, 1000)),
                new SliceBaseline.Entry("channel=organic", SliceExplainerTest.sums(1600, 4000)))), 64);
        assertThat(b.level("channel", SliceKind.RATIO)).isCloseTo(0.4, within(1e-12));
        assertThat(b.factor("channel", SliceKind.RATIO, 0.5)).isCloseTo(1.25, within(1e-12));
        assertThat(b.factor("channel", SliceKind.RATIO, NaN)).isEqualTo(1);
        Slice now = slice("channel=paid", 70, 100);
        // p = 0.5: unit variance (400 − 2·0.5·400 + 0.25·1000)/1000 = 0.25; V = 100·0.25 + 100²·0.25·1.25²/1000
        SliceBaseline.Expectation e = b.expect(b.slice("channel=paid"), now, SliceKind.RATIO, 1.25, 1);
        assertThat(e.observed()).isEqualTo(70);
        assertThat(e.expected()).isCloseTo(50, within(1e-12));
        assertThat(e.units()).isEqualTo(100);
        assertThat(e.variance()).isCloseTo(25 + 3.90625, within(1e-12));
        // without a seasonal factor: p = 0.4, unit variance 0.24, V = 24 + 2.4, and φ multiplies it all
        SliceBaseline.Expectation flat = b.expect(b.slice("channel=paid"), now, SliceKind.RATIO, 1, 2);
        assertThat(flat.expected()).isCloseTo(40, within(1e-12));
        assertThat(flat.variance()).isCloseTo(2 * 26.4, within(1e-12));
    }

    @Test
    void poolsDecayByTheirResolutionLearnOnlyWhatTheBaselineLearnsAndAreWrittenIn40BytesEach() throws IOException {
        SliceBaseline b = new SliceBaseline();
        for (int h = 0; h < 24; h++) {
            b.update(h * HOUR, (h + 1) * HOUR, List.of(slice("channel=paid", 40, 100)), SliceKind.RATIO, NaN);
        }
        // ready once it spans a day: the window ending at 25h is the first pooled, at its expectation 40 of 100
        // (p0 = 0.4 exactly), with V = 100·0.24 + 100²·0.24 / Σb, into each of the 6 pools of hourly windows
        assertThat(b.resolutions()).containsExactly(3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 72 * HOUR, 168 * HOUR);
        double sb = 0;
        for (int k = 1; k <= 24; k++) {
            sb += 100 * Math.pow(F, k); // the baseline as the window finds it: decayed to the window's end
        }
        b.update(24 * HOUR, 25 * HOUR, List.of(slice("channel=paid", 70, 100)), SliceKind.RATIO, NaN);
        double v = 24 + 100 * 100 * 0.24 / sb;
        SliceBaseline.Pool first = b.state().slices().get(0).pools().get(0);
        assertThat(first.observed()).isEqualTo(70);
        assertThat(first.expected()).isCloseTo(40, within(1e-9));
        assertThat(first.variance()).isCloseTo(v, within(1e-9));
        assertThat(first.units()).isEqualTo(100);
        // a residual (30² / V) joins each pool's overdispersion, as the window joined the baseline
        assertThat(first.residuals()).isCloseTo(900 / v, within(1e-9));
        assertThat(b.state().slices().get(0).pools()).hasSize(6);
        // a window the baseline leaves out (an incident) is pooled, decayed by its resolution, e^(−1/3) for
        // 3h (squared for the variance), and adds no residual
        SliceBaseline.State before = b.state();
        b.pool(25 * HOUR, 26 * HOUR, List.of(slice("channel=paid", 70, 100)), SliceKind.RATIO, NaN);
        SliceBaseline.Pool three = b.state().slices().get(0).pools().get(0);
        double f = Math.exp(-1.0 / 3);
        assertThat(three.observed()).isCloseTo(70 * f + 70, within(1e-9));
        assertThat(three.units()).isCloseTo(100 * f + 100, within(1e-9));
        assertThat(three.variance()).isCloseTo(first.variance() * f * f + b.expect(
                b.slice("channel=paid"), slice("channel=paid", 70, 100), SliceKind.RATIO, 1, 1).variance(), within(1e-9));
        assertThat(three.residuals()).isEqualTo(first.residuals());
        assertThat(b.state().lastEnd()).isEqualTo(before.lastEnd());
        assertThat(b.slice("channel=paid")).isEqualTo(before.slices().get(0).sums());
        // per slice 6 pools of 5 doubles more
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.state().write(new DataOutputStream(bytes));
        assertThat(bytes.size()).isEqualTo(52 + 2 + 12 + 64 + 1 + 6 * 40);
        assertThat(SliceBaseline.State.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isEqualTo(b.state());
    }
}
