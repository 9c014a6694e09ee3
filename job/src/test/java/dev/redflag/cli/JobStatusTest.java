package dev.redflag.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The status line of the demo and of a local run, and the meters it is read from. */
class JobStatusTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theDemosStatusShowsTheSimulatedClockAndGroupsThousands() {
        JobStatus status = new JobStatus(Instant.parse("2026-12-06T01:23:45Z"), 2310.4, 48211, 3);

        assertThat(status.line())
                .isEqualTo("status  simulated 12-06 01:23 UTC | 2,310 events/s | 48,211 KPI values | 3 alerts firing");
    }

    @Test
    void aNoteFollowsTheSimulatedClock() {
        JobStatus status = new JobStatus(Instant.parse("2026-12-05T01:23:45Z"), 7210.2, 2786, 0);

        assertThat(status.line("quiet baseline day at 2880x, series warming up")).isEqualTo("status  simulated "
                + "12-05 01:23 UTC, quiet baseline day at 2880x, series warming up | 7,210 events/s | 2,786 KPI values "
                + "| 0 alerts firing");
        assertThat(status.line("")).isEqualTo(status.line())
                .isEqualTo("status  simulated 12-05 01:23 UTC | 7,210 events/s | 2,786 KPI values | 0 alerts firing");
    }

    @Test
    void aLocalRunHasNoSimulatedClockAndOneAlertIsSingular() {
        assertThat(new JobStatus(null, 0.6, 0, 1).line())
                .isEqualTo("status  1 events/s | 0 KPI values | 1 alert firing");
    }

    @Test
    void theCountersAreSummedOverTheirSeriesAndOnlyFiringAlertsCount() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter sessions = Counter.builder("redflag_events_in").tag("type", "session").register(registry);
        Counter orders = Counter.builder("redflag_events_in").tag("type", "order").register(registry);
        Counter.builder("redflag_kpi_values").tag("kpi", "bounce_rate").register(registry).increment(40);
        Counter.builder("redflag_kpi_values").tag("kpi", "nps").register(registry).increment(2);
        Gauge.builder("redflag_alerts", () -> 2).tag("alertstate", "firing").tag("alertname", "A").register(registry);
        Gauge.builder("redflag_alerts", () -> 1).tag("alertstate", "firing").tag("alertname", "B").register(registry);
        Gauge.builder("redflag_alerts", () -> 5).tag("alertstate", "pending").tag("alertname", "C").register(registry);
        AtomicLong nanos = new AtomicLong(7 * SECOND);
        sessions.increment(100);
        JobCounters counters = new JobCounters(registry, () -> Instant.parse("2026-12-06T00:00:00Z"), nanos::get);

        sessions.increment(200);
        orders.increment(100);
        nanos.addAndGet(2 * SECOND);

        assertThat(counters.read()).isEqualTo(new JobStatus(Instant.parse("2026-12-06T00:00:00Z"), 150, 42, 3));
    }

    @Test
    void theRateIsOverTheLastFiveSecondsSoBurstsDoNotMakeItJump() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter events = Counter.builder("redflag_events_in").tag("type", "session").register(registry);
        AtomicLong nanos = new AtomicLong();
        JobCounters counters = new JobCounters(registry, () -> null, nanos::get);
        double[] rates = new double[8];
        for (int second = 1; second <= 8; second++) {
            events.increment(second % 2 == 0 ? 1000 : 0);
            nanos.addAndGet(SECOND);
            rates[second - 1] = counters.read().eventsPerSecond();
        }

        // seconds 1..5 measure from the start; then the reads older than 5 s are dropped
        assertThat(rates).containsExactly(0, 500, 333.3333333333333, 500, 400, 600, 400, 600);
    }
}
