package dev.redflag.rules.eval;

import org.junit.jupiter.api.Test;

import static dev.redflag.rules.eval.TestRules.DAY;
import static dev.redflag.rules.eval.TestRules.MINUTE;
import static dev.redflag.rules.eval.TestRules.T0;
import static dev.redflag.rules.eval.TestRules.plain;
import static org.assertj.core.api.Assertions.assertThat;

class SeasonalResidualsTest {

    @Test
    void theSameTimeIsTheNearestWindowWithinAQuarterHourOfADay() {
        assertThat(SeasonalResiduals.tolerance(DAY)).isEqualTo(15 * MINUTE);
        // a series sampled irregularly: T0 - 1d + 7min = 4, T0 - 2d - 3min = 6, T0 - 3d + 20min = 100
        SeriesHistory h = new SeriesHistory(10);
        h.add(plain(T0 - 3 * DAY + 20 * MINUTE, 100, 1));
        h.add(plain(T0 - 2 * DAY - 3 * MINUTE, 6, 1));
        h.add(plain(T0 - 2 * DAY + 12 * MINUTE, 60, 1));
        h.add(plain(T0 - DAY + 7 * MINUTE, 4, 1));
        // three days back is 20 minutes off: not the same time; two references 6 and 4, median 5
        assertThat(SeasonalResiduals.of(h, 4, T0, 9, DAY)).isEqualTo(4);
        // one reference is not enough
        assertThat(SeasonalResiduals.of(h, 4, T0 + 30 * MINUTE, 9, DAY)).isNaN();
    }

    @Test
    void pastResidualsUseOnlyWindowsBeforeThem() {
        // hourly values over four days, value = day number (1..4): day 3 is 3 - median(2, 1) = 1.5,
        // day 4 is 4 - median(3, 2, 1) = 2, days 1 and 2 have too few references
        SeriesHistory h = new SeriesHistory(100);
        for (int d = 0; d < 4; d++) {
            for (int hour = 0; hour < 24; hour++) {
                h.add(plain(T0 + d * DAY + hour * 60 * MINUTE, d + 1, 1));
            }
        }
        double[] r = SeasonalResiduals.past(h, 0, 96, DAY);
        assertThat(r[0]).isNaN();
        assertThat(r[47]).isNaN();
        assertThat(r[48]).isEqualTo(3 - 1.5);
        assertThat(r[95]).isEqualTo(4 - 2);
        assertThat(SeasonalResiduals.past(h, 90, 96, DAY)).containsOnly(2.0);
    }
}
