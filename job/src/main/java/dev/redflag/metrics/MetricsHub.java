package dev.redflag.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HealthyHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Prometheus endpoint per TaskManager: a meter registry plus the JDK's HTTP server with the
 * Prometheus Java client's handlers, serving {@code /metrics} in the text format 0.0.4, or
 * OpenMetrics when the scraper asks for it ({@code Accept: application/openmetrics-text}, as Prometheus does), gzipped
 * when it accepts gzip; {@code /-/healthy}; 404 elsewhere. The registry also holds
 * {@code redflag_build_info} ({@link BuildInfo}).
 *
 * <p>Flink runs many subtasks of many operators in one TaskManager JVM, yet Prometheus
 * scrapes one port per TaskManager, and all of them must see the same registry. Operators
 * therefore take the hub with {@link #shared(int)} in {@code open()} and give it back with
 * {@link #release()} in {@code close()}; the last release stops the server, so a job that
 * is cancelled or restarted frees the port for the next attempt. {@link #start(int)} makes
 * a private hub for tests and tools.
 *
 * <p>All methods are safe to call from any thread.
 */
public final class MetricsHub implements AutoCloseable {

    /*
     * The only static state in the project, and deliberately so: the endpoint belongs to the
     * TaskManager JVM, not to any one subtask, and Flink gives subtasks no other place to
     * meet. Keyed by the requested port (0 included: all who ask for "any port" share one).
     * Strictly it is per class loader: Flink loads job code in a per-job class loader, so
     * two jobs in one session cluster would each try to bind the port and need different
     * metrics.port values.
     */
    private static final Map<String, MetricsHub> SHARED = new HashMap<>();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;
    private final ExecutorService executor;
    private final String sharedKey;
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object lock = new Object();
    private KpiGauges kpiGauges;
    private PipelineMetrics pipelineMetrics;
    private RuleMetrics ruleMetrics;
    private AlertMetrics alertMetrics;
    private NotificationMetrics notificationMetrics;
    private FeedbackMetrics feedbackMetrics;
    private AlertGauges alertGauges;
    private RuleEvaluationMetrics ruleEvaluationMetrics;

    private MetricsHub(int port, int lastPort, String sharedKey) {
        if (port < 0 || port > 65535 || lastPort < port || lastPort > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port
                    + (lastPort == port ? "" : "-" + lastPort));
        }
        this.sharedKey = sharedKey;
        BuildInfo.current().register(registry.getPrometheusRegistry());
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread t = new Thread(runnable, "redflag-metrics-http");
            t.setDaemon(true);
            return t;
        });
        try {
            server = serve(port, lastPort);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** The endpoint on the first port of {@code first..last} that can be bound, in order. */
    private HttpServer serve(int first, int last) {
        IOException failure = null;
        for (int port = first; port <= last; port++) {
            HttpServer bound;
            try {
                bound = HttpServer.create(new InetSocketAddress(port), 3);
            } catch (IOException e) {
                failure = e;
                continue;
            }
            try {
                bound.createContext("/", MetricsHub::notFound);
                bound.createContext("/metrics", new MetricsHandler(registry.getPrometheusRegistry()));
                bound.createContext("/-/healthy", new HealthyHandler());
                bound.setExecutor(executor);
                bound.start();
                return bound;
            } catch (RuntimeException e) {
                bound.stop(0);
                throw e;
            }
        }
        String ports = first == last ? "port " + first : "any port of " + first + "-" + last;
        throw new UncheckedIOException("cannot serve Prometheus metrics on " + ports + " (" + failure.getMessage()
                + "); set metrics.port (REDFLAG_METRICS_PORT) to a free port, a range with one free port per "
                + "TaskManager of the host, or 0 for any", failure);
    }

    /** A hub of its own on {@code port} (0 = any free port); the caller closes it. */
    public static MetricsHub start(int port) {
        return new MetricsHub(port, port, null);
    }

    /**
     * The hub of this JVM for {@code port}, started on first use; every call must be
     * matched by one {@link #release()}.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static MetricsHub shared(int port) {
        return shared(port, port);
    }

    /**
     * The hub of this JVM for the ports {@code first..last}, started on first use on the first of
     * them it can bind (several TaskManagers on one host share a range); every call must be matched
     * by one {@link #release()}.
     *
     * @throws UncheckedIOException when no port of the range can be bound
     */
    public static MetricsHub shared(int first, int last) {
        String key = first + "-" + last;
        synchronized (SHARED) {
            MetricsHub hub = SHARED.get(key);
            if (hub != null) {
                hub.references.incrementAndGet();
                return hub;
            }
            hub = new MetricsHub(first, last, key);
            SHARED.put(key, hub);
            // a hub asked for with "any port" is also the hub of the port it got, so that code
            // told that port (a job started by the demo) shares it instead of binding it again
            SHARED.putIfAbsent(hub.port() + "-" + hub.port(), hub);
            return hub;
        }
    }

    /** The port the endpoint listens on; the real one when started with 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The registry behind the endpoint, for meters beyond the KPI and pipeline ones. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * The KPI gauges of this hub. There is one per hub because a gauge is bound to the
     * holder it was registered with; the cap of the first caller applies.
     */
    public KpiGauges kpiGauges(int maxSeriesPerKpi) {
        synchronized (lock) {
            if (kpiGauges == null) {
                kpiGauges = new KpiGauges(registry, maxSeriesPerKpi);
            }
            return kpiGauges;
        }
    }

    /** The pipeline counters of this hub. */
    public PipelineMetrics pipelineMetrics() {
        synchronized (lock) {
            if (pipelineMetrics == null) {
                pipelineMetrics = new PipelineMetrics(registry);
            }
            return pipelineMetrics;
        }
    }

    /** The rule set metrics of this hub (one gauge holder per hub). */
    public RuleMetrics ruleMetrics() {
        synchronized (lock) {
            if (ruleMetrics == null) {
                ruleMetrics = new RuleMetrics(registry);
            }
            return ruleMetrics;
        }
    }

    /** The alert transition counters of this hub. */
    public AlertMetrics alertMetrics() {
        synchronized (lock) {
            if (alertMetrics == null) {
                alertMetrics = new AlertMetrics(registry);
            }
            return alertMetrics;
        }
    }

    /** The notification counters and latency histograms of this hub. */
    public NotificationMetrics notificationMetrics() {
        synchronized (lock) {
            if (notificationMetrics == null) {
                notificationMetrics = new NotificationMetrics(registry);
            }
            return notificationMetrics;
        }
    }

    /**
     * The {@code redflag_alerts} gauges of this hub, with a label per dimension of the KPI catalog;
     * one per hub because the label set of a metric is fixed, so the dimensions of the first caller
     * apply (every operator of a job passes the same catalog).
     */
    public AlertGauges alertGauges(Collection<String> dimensions) {
        synchronized (lock) {
            if (alertGauges == null) {
                alertGauges = new AlertGauges(registry, dimensions);
            }
            return alertGauges;
        }
    }

    /** The feedback counters and the rule precision gauges of this hub. */
    public FeedbackMetrics feedbackMetrics() {
        synchronized (lock) {
            if (feedbackMetrics == null) {
                feedbackMetrics = new FeedbackMetrics(registry);
            }
            return feedbackMetrics;
        }
    }

    /** The rule evaluation time and event-time lag of this hub, on the wall clock. */
    public RuleEvaluationMetrics ruleEvaluationMetrics() {
        synchronized (lock) {
            if (ruleEvaluationMetrics == null) {
                ruleEvaluationMetrics = new RuleEvaluationMetrics(registry, System::currentTimeMillis);
            }
            return ruleEvaluationMetrics;
        }
    }

    /** What {@code GET /metrics} returns in the text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    /** Gives back one {@link #shared(int)} reference; the last one closes the hub. A private hub closes at once. */
    public void release() {
        if (sharedKey == null) {
            close();
            return;
        }
        synchronized (SHARED) {
            if (references.decrementAndGet() == 0) {
                close();
            }
        }
    }

    /** Stops the endpoint now, however many references are out. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (sharedKey != null) {
            synchronized (SHARED) {
                SHARED.remove(sharedKey, this);
                SHARED.remove(port() + "-" + port(), this);
            }
        }
        server.stop(0);
        executor.shutdownNow();
        registry.close();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Everything but {@code /metrics} and {@code /-/healthy}, which the exporter serves itself. */
    private static void notFound(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = "not found; try /metrics or /-/healthy\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
