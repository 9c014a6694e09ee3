package dev.redflag.scorecard;

import dev.redflag.kpi.KpiValue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeliveryTest {

    private final GeneratedSeries bounce = GeneratedSeries.of(Catalogs.shipped().spec("bounce_rate"));
    private final Scenario scenario = Grid.quiet(Grid.MODELS.get(0), Volume.perHour(100), 0);
    private final List<KpiValue> values = ScenarioRun.values(scenario, bounce);

    @Test
    void aLateWindowIsReEmittedCompleteRightAfterTheNextWindow() {
        Map<Long, KpiValue> first = new HashMap<>();
        long newest = Long.MIN_VALUE;
        int reEmitted = 0;
        for (int i = 0; i < values.size(); i++) {
            KpiValue v = values.get(i);
            if (v.windowStart() > newest) {
                newest = v.windowStart();
                assertThat(first.put(v.windowStart(), v)).isNull();
                continue;
            }
            reEmitted++;
            KpiValue early = first.get(v.windowStart());
            assertThat(values.get(i - 1).windowStart()).as("follows a newer window").isGreaterThan(v.windowStart());
            assertThat(early).as("was emitted before").isNotNull();
            assertThat(v.sample()).isGreaterThan(early.sample());
            assertThat(v.numerator()).isGreaterThanOrEqualTo(early.numerator());
        }
        // one window in ten
        assertThat((double) reEmitted / first.size()).isCloseTo(Delivery.LATE_WINDOWS, within(0.03));
    }

    @Test
    void outagesLeaveAFewHoursWithoutAWindow() {
        long windows = values.stream().map(KpiValue::windowStart).distinct().count();
        int missing = scenario.hours() - (int) windows;
        // about 0.1 outages a day over 84 days, 1 to 4 hours each (none of 100 sessions/h is empty)
        assertThat(missing).isBetween(4, 60);
    }

    @Test
    void windowsAreHourlyAndCarryTheSeriesDims() {
        assertThat(values).allSatisfy(v -> {
            assertThat(v.windowEnd() - v.windowStart()).isEqualTo(Scenario.HOUR);
            assertThat(v.window()).isEqualTo("1h");
            assertThat(v.dims()).isEqualTo(bounce.dims());
        });
    }
}
