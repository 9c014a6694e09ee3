package dev.redflag.scorecard;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each model's windows: moments consistent with the counts, the incident's effect, reproducible draws. */
class ModelsTest {

    private static KpiModel model(String kpi) {
        return Grid.MODELS.stream().filter(m -> m.kpi().equals(kpi)).findFirst().orElseThrow();
    }

    private static HourEvents[] hours(Scenario s) {
        return s.model().hours(s, new Variates(new SplittableRandom(s.seed())));
    }

    @Test
    void sessionWindowsHaveMomentsOfZeroOneContributions() {
        Scenario s = Grid.quiet(model("bounce_rate"), Volume.perHour(100), 0);
        for (HourEvents h : hours(s)) {
            Sums w = h.complete();
            assertThat(w.numeratorSquares()).isEqualTo(w.numerator());
            assertThat(w.crossProducts()).isEqualTo(w.numerator());
            assertThat(w.denominatorSquares()).isEqualTo(w.denominator()).isEqualTo(w.sample());
        }
    }

    @Test
    void npsWindowsHavePromotersPlusDetractorsAsNumeratorSquares() {
        Scenario s = Grid.quiet(model("nps"), Volume.perHour(12), 0);
        for (HourEvents h : hours(s)) {
            Sums w = h.complete();
            // Σa = P − D and Σa² = P + D: both whole, of equal parity, with P, D ≥ 0 and P + D ≤ n
            assertThat(w.numeratorSquares()).isGreaterThanOrEqualTo(Math.abs(w.numerator()))
                    .isLessThanOrEqualTo(w.denominator());
            assertThat((w.numeratorSquares() + w.numerator()) % 2).isZero();
            assertThat(w.crossProducts()).isEqualTo(w.numerator());
            assertThat(w.denominatorSquares()).isEqualTo(w.denominator());
        }
    }

    @Test
    void funnelWindowsHaveNoCrossProducts() {
        Scenario s = Grid.quiet(model("mql_to_sql_rate"), Volume.perDay(500), 0);
        double sqls = 0;
        double mqls = 0;
        for (HourEvents h : hours(s)) {
            Sums w = h.complete();
            assertThat(w.crossProducts()).isZero();
            assertThat(w.numeratorSquares()).isEqualTo(w.numerator());
            assertThat(w.denominatorSquares()).isEqualTo(w.denominator()).isEqualTo(w.sample());
            sqls += w.numerator();
            mqls += w.denominator();
        }
        assertThat(sqls / mqls).isCloseTo(FunnelModel.CONVERSION, within(0.02));
    }

    @Test
    void churnWindowsCountTheBaseAtTheirStart() {
        Scenario s = Grid.quiet(model("churn_rate"), Volume.customers(3000), 0);
        HourEvents[] hours = hours(s);
        assertThat(hours[0].complete().denominator()).isEqualTo(3000);
        double lost = 0;
        for (HourEvents h : hours) {
            Sums w = h.complete();
            assertThat(w.numeratorSquares()).isEqualTo(w.crossProducts()).isEqualTo(w.numerator());
            assertThat(w.denominatorSquares()).isEqualTo(w.denominator()).isEqualTo(w.sample());
            lost += w.numerator();
        }
        // 3,000 customers at 0.2 % a day over 84 days
        assertThat(lost / (3000 * 84)).isCloseTo(ChurnModel.DAILY_HAZARD, within(0.0004));
    }

    @Test
    void arpuWindowsCarryTheSquaresOfTheOrderAmounts() {
        Scenario s = Grid.quiet(model("arpu"), Volume.perHour(12), 0);
        for (HourEvents h : hours(s)) {
            Sums w = h.complete();
            // a = the customer's order amount (0 without an order), b = 1 per active customer
            assertThat(w.crossProducts()).isCloseTo(w.numerator(), within(1e-9));
            assertThat(w.denominator()).isEqualTo(3000);
            assertThat(w.denominatorSquares()).isEqualTo(3000);
            assertThat(w.sample()).isEqualTo(3000);
            assertThat(w.numeratorSquares() == 0).isEqualTo(w.numerator() == 0);
        }
    }

    @Test
    void aBounceIncidentDoublesTheRateWhileItLasts() {
        Scenario s = Grid.incident(model("bounce_rate"), Volume.perHour(3000), Effect.times(2), Duration.ofDays(1), 0);
        HourEvents[] hours = hours(s);
        double[] during = new double[2];
        double[] before = new double[2];
        for (int h = 0; h < hours.length; h++) {
            Sums w = hours[h].complete();
            long t = s.hourStart(h);
            double[] into = s.inIncident(t) ? during : t >= s.incidentStart() - Scenario.DAY && t < s.incidentStart()
                    ? before : null;
            if (into != null) {
                into[0] += w.numerator();
                into[1] += w.denominator();
            }
        }
        assertThat(during[0] / during[1]).isCloseTo(2 * before[0] / before[1], within(0.04));
    }

    @Test
    void aStallHasNoSqlWhileItLasts() {
        Scenario s = Grid.incident(model("mql_to_sql_rate"), Volume.perDay(500), Effect.stall(), Duration.ofDays(1), 0);
        HourEvents[] hours = hours(s);
        double after = 0;
        for (int h = 0; h < hours.length; h++) {
            long t = s.hourStart(h);
            if (s.inIncident(t)) {
                assertThat(hours[h].complete().numerator()).isZero();
            } else if (t >= s.incidentEnd() && t < s.incidentEnd() + Scenario.DAY) {
                after += hours[h].complete().numerator();
            }
        }
        // the day after: about 0.3 · 500 SQLs again
        assertThat(after).isGreaterThan(100);
    }

    @Test
    void theSameScenarioDrawsTheSameHistory() {
        Scenario s = Grid.quiet(model("nps"), Volume.perDay(100), 3);
        HourEvents[] a = hours(s);
        HourEvents[] b = hours(s);
        for (int h = 0; h < a.length; h++) {
            assertThat(a[h].complete()).isEqualTo(b[h].complete());
        }
    }
}
