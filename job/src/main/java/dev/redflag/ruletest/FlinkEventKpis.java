package dev.redflag.ruletest;

import dev.redflag.yaml.ConfigException;
import dev.redflag.config.EventTimeConfig;
import dev.redflag.config.JobConfig;
import dev.redflag.event.DeadLetter;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.pipeline.OfflineKpis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Events to KPI values with the live job's operators, as {@code redflag kpis} does
 * ({@link OfflineKpis}), so they are the values the live job would emit, quiet funnel and ledger
 * keys included: a test over events then checks the KPI definitions and the rules together. Slower than KPI series (a local mini cluster per test), so tests use it where
 * the KPI's own semantics matter, e.g. a funnel that stalls.
 *
 * <p>Test events are history: the wall-clock guard against timestamps from the future
 * ({@code event-time.max-future-skew}) is lifted, so a test written today for next month's
 * dates keeps passing.
 */
public final class FlinkEventKpis implements EventKpis {

    private static final Duration NO_FUTURE_LIMIT = Duration.ofDays(365L * 10_000);

    private final JobConfig config;
    private final KpiCatalog catalog;

    public FlinkEventKpis(JobConfig config, KpiCatalog catalog) {
        EventTimeConfig t = config.eventTime();
        this.config = config.withEventTime(new EventTimeConfig(t.maxOutOfOrderness(), t.idleness(),
                t.allowedLateness(), NO_FUTURE_LIMIT));
        this.catalog = catalog;
    }

    @Override
    public List<KpiValue> compute(EventsInput events) throws Exception {
        OfflineKpis.Result result = OfflineKpis.run(events.name(), events.lines(), config, catalog);
        if (!result.rejected().isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (DeadLetter d : result.rejected()) {
                int index = (int) d.offset() - 1;
                String place = index >= 0 && index < events.places().size() ? events.places().get(index)
                        : events.name();
                problems.add(place + ": " + d.reason().label() + ": " + d.detail());
            }
            throw new ConfigException(problems);
        }
        return result.values();
    }
}
