package dev.redflag.config;

import java.io.Serializable;

/**
 * The Prometheus endpoint of each TaskManager.
 *
 * @param port            0 picks a free port
 * @param maxSeriesPerKpi KPI series beyond this many per KPI are not exported, which keeps a
 *                        high-cardinality dimension from overwhelming Prometheus
 */
public record MetricsConfig(int port, int maxSeriesPerKpi) implements Serializable {

    private static final long serialVersionUID = 1L;
}
