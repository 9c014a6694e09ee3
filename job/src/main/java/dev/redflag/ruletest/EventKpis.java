package dev.redflag.ruletest;

import dev.redflag.kpi.KpiValue;

import java.util.List;

/**
 * Turns a test's raw events into KPI values. The real one runs the job's KPI operators
 * ({@link FlinkEventKpis}); the seam exists so that a test file without events never starts Flink.
 */
@FunctionalInterface
public interface EventKpis {

    /**
     * The KPI values of these events, every window closed.
     *
     * @throws dev.redflag.yaml.ConfigException listing each rejected event where it was written
     */
    List<KpiValue> compute(EventsInput events) throws Exception;
}
