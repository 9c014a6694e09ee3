package dev.redflag.pipeline;

import dev.redflag.yaml.ConfigException;
import dev.redflag.config.MetricsConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.metrics.RuleMetrics;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.metrics.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Checks every rule bundle before it is broadcast: a bundle that does not validate is rejected
 * whole, logged with every problem (file:line:column) and counted, and the rule set already active
 * stays; a valid one is passed on. Runs once per bundle, not once per evaluating subtask.
 */
public class RuleSetGate extends ProcessFunction<String, String> {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetGate.class);

    private final KpiCatalog catalog;
    private final MetricsConfig metricsConfig;

    private transient MetricsHub hub;
    private transient RuleMetrics metrics;
    private transient volatile int activeRules;

    /** @param metricsConfig null for no metrics (offline runs) */
    public RuleSetGate(KpiCatalog catalog, MetricsConfig metricsConfig) {
        this.catalog = catalog;
        this.metricsConfig = metricsConfig;
    }

    @Override
    public void open(OpenContext openContext) {
        // a Flink metric too, so whoever starts the job (the benchmark) can tell when a rule set is in force
        getRuntimeContext().getMetricGroup().gauge("activeRules", (Gauge<Integer>) () -> activeRules);
        if (metricsConfig != null) {
            hub = MetricsHub.shared(metricsConfig.port(), metricsConfig.lastPort());
            metrics = hub.ruleMetrics();
        }
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.release();
        }
    }

    @Override
    public void processElement(String json, Context ctx, Collector<String> out) {
        try {
            RuleBundle bundle = RuleBundle.fromJson(json.getBytes(StandardCharsets.UTF_8));
            RuleSet set = RuleLoader.parseAll(bundle.files(), catalog);
            LOG.info("rule set {} accepted: {} rules in {} groups from {}", set.version(), set.rules().size(),
                    set.groups().size(), set.files());
            if (metrics != null) {
                metrics.accepted(set.rules().size());
            }
            activeRules = set.rules().size();
            out.collect(json);
        } catch (ConfigException | IllegalArgumentException e) {
            LOG.warn("rule set rejected, the active rules stay:\n{}", e.getMessage());
            if (metrics != null) {
                metrics.rejected();
            }
        }
    }
}
