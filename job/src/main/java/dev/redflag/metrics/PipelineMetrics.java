package dev.redflag.metrics;

import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters the pipeline bumps for every record. Event and dead-letter counters exist
 * for every type and reason from the start, so a dashboard shows a flat 0 rather than no
 * data, and they sit in arrays indexed by ordinal so counting allocates nothing.
 *
 * <p>Exported as {@code redflag_events_in_total{type}}, {@code redflag_late_events_total{type}},
 * {@code redflag_dead_letters_total{reason}}, {@code redflag_kpi_values_total{kpi}} and
 * {@code redflag_kpi_contributions_expired_total{kpi}};
 * the registry adds the {@code _total} suffix. Together the first three account for every event
 * by type and outcome: in (late ones included), in although late, dead-lettered by reason; a
 * {@code redflag_events_total{type,outcome}} would repeat them under a second name. Safe to use
 * from many threads.
 */
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Counter[] eventsIn;
    private final Counter[] lateEvents;
    private final Counter[] deadLetters;
    private final ConcurrentHashMap<String, Counter> kpiValues = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> expiredContributions = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        EventType[] types = EventType.values();
        eventsIn = new Counter[types.length];
        for (EventType type : types) {
            eventsIn[type.ordinal()] = Counter.builder("redflag_events_in")
                    .description("Events read, by type")
                    .tag("type", type.wireName())
                    .register(registry);
        }
        lateEvents = new Counter[types.length];
        for (EventType type : types) {
            lateEvents[type.ordinal()] = Counter.builder("redflag_late_events")
                    .description("Events behind the watermark but within the allowed lateness, which still "
                            + "updated their windows, by type")
                    .tag("type", type.wireName())
                    .register(registry);
        }
        DeadLetterReason[] reasons = DeadLetterReason.values();
        deadLetters = new Counter[reasons.length];
        for (DeadLetterReason reason : reasons) {
            deadLetters[reason.ordinal()] = Counter.builder("redflag_dead_letters")
                    .description("Records sent to the dead-letter topic, by reason")
                    .tag("reason", reason.label())
                    .register(registry);
        }
    }

    /** One event of {@code type} was read and decoded. */
    public void eventIn(EventType type) {
        eventsIn[type.ordinal()].increment();
    }

    /**
     * One event of {@code type} came behind the watermark yet within the allowed lateness; it is
     * counted by {@link #eventIn} too.
     */
    public void lateEvent(EventType type) {
        lateEvents[type.ordinal()].increment();
    }

    /** One record went to the dead-letter topic. */
    public void deadLetter(DeadLetterReason reason) {
        deadLetters[reason.ordinal()].increment();
    }

    /** One value of {@code kpi} was emitted (a window closed or was updated by a late event). */
    public void kpiValue(String kpi) {
        kpiValues(kpi).increment();
    }

    /**
     * One contribution of {@code kpi} reached the window operator after its window expired there (a
     * partition back from idleness behind the others) and was dropped; rare, so the lookup is fine.
     */
    public void expiredContribution(String kpi) {
        expiredContributions(kpi).increment();
    }

    /** The value and expired-contribution counters of a KPI of the catalog, at 0 if new. */
    public void expectKpi(String kpi) {
        kpiValues(kpi);
        expiredContributions(kpi);
    }

    private Counter expiredContributions(String kpi) {
        return expiredContributions.computeIfAbsent(kpi, k -> Counter.builder("redflag_kpi_contributions_expired")
                .description("Contributions dropped by the window operator because their window had expired "
                        + "there, by KPI")
                .tag("kpi", k)
                .register(registry));
    }

    private Counter kpiValues(String kpi) {
        Counter counter = kpiValues.get(kpi);
        if (counter == null) {
            counter = kpiValues.computeIfAbsent(kpi, k -> Counter.builder("redflag_kpi_values")
                    .description("KPI values emitted, by KPI")
                    .tag("kpi", k)
                    .register(registry));
        }
        return counter;
    }
}
