package dev.redflag.config;

import java.io.Serializable;

/**
 * The Prometheus endpoint of each TaskManager, and Flink's own reporter on a local mini cluster.
 *
 * @param port              0 picks a free port
 * @param maxSeriesPerKpi   KPI series beyond this many per KPI are not exported, which keeps a
 *                          high-cardinality dimension from overwhelming Prometheus
 * @param flinkReporterPort where {@code redflag run} on its in-process mini cluster serves Flink's
 *                          own metrics with Flink's Prometheus reporter; 0 for none. A Flink cluster
 *                          configures its reporters itself and ignores this.
 */
public record MetricsConfig(int port, int maxSeriesPerKpi, int flinkReporterPort) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The first port of the range Flink's documentation gives its Prometheus reporter (9250-9260). */
    public static final int DEFAULT_FLINK_REPORTER_PORT = 9250;

    /** With Flink's reporter at its default port. */
    public MetricsConfig(int port, int maxSeriesPerKpi) {
        this(port, maxSeriesPerKpi, DEFAULT_FLINK_REPORTER_PORT);
    }
}
