package dev.redflag.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What happens to rule sets: how many rules are active, and every reload accepted or rejected, so
 * that a broken push shows on a dashboard and can page the platform team while the last good
 * rules keep running. Exported as {@code redflag_rules_loaded} and
 * {@code redflag_rule_reloads_total{outcome="accepted|rejected"}}.
 */
public final class RuleMetrics {

    private final AtomicLong loaded = new AtomicLong();
    private final Counter accepted;
    private final Counter rejected;

    public RuleMetrics(MeterRegistry registry) {
        Gauge.builder("redflag_rules_loaded", loaded, AtomicLong::get)
                .description("Rules in the active rule set")
                .register(registry);
        accepted = reloads(registry, "accepted");
        rejected = reloads(registry, "rejected");
    }

    private static Counter reloads(MeterRegistry registry, String outcome) {
        return Counter.builder("redflag_rule_reloads")
                .description("Rule sets received, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void accepted(int rules) {
        loaded.set(rules);
        accepted.increment();
    }

    public void rejected() {
        rejected.increment();
    }
}
