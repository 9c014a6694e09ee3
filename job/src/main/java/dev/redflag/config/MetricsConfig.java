package dev.redflag.config;

import java.io.Serializable;

/**
 * The Prometheus endpoint of each TaskManager, and Flink's own reporter on a local mini cluster.
 *
 * @param port              the port, or the first of a range; 0 picks a free port
 * @param lastPort          the last port of the range ({@code metrics.port: 9249-9250}): each TaskManager
 *                          JVM serves on the first port of the range it can bind, so several TaskManagers
 *                          on one host (the local stack) each get one; equal to {@code port} for a single port
 * @param maxSeriesPerKpi   KPI series beyond this many per KPI are not exported, which keeps a
 *                          high-cardinality dimension from overwhelming Prometheus
 * @param flinkReporterPort where {@code redflag run} on its in-process mini cluster serves Flink's
 *                          own metrics with Flink's Prometheus reporter; 0 for none. A Flink cluster
 *                          configures its reporters itself and ignores this.
 */
public record MetricsConfig(int port, int lastPort, int maxSeriesPerKpi, int flinkReporterPort)
        implements Serializable {

    private static final long serialVersionUID = 3L;

    /** The first port of the range Flink's documentation gives its Prometheus reporter (9250-9260). */
    public static final int DEFAULT_FLINK_REPORTER_PORT = 9250;

    public MetricsConfig {
        if (port < 0 || lastPort < port || lastPort > 65535 || (port == 0 && lastPort != 0)) {
            throw new IllegalArgumentException("bad metrics port range " + port + "-" + lastPort);
        }
    }

    /** One port (0: any free port), Flink's reporter at its default port. */
    public MetricsConfig(int port, int maxSeriesPerKpi) {
        this(port, port, maxSeriesPerKpi, DEFAULT_FLINK_REPORTER_PORT);
    }

    /** How the port was written: {@code 9249} or {@code 9249-9250}. */
    public String ports() {
        return port == lastPort ? Integer.toString(port) : port + "-" + lastPort;
    }
}
