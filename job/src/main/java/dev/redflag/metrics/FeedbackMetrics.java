package dev.redflag.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What people said about alerts, from the feedback topic: {@code redflag_alert_feedback_total{rule,
 * verdict}} counts verdicts joined to their alert, {@code redflag_alert_feedback_unmatched_total{verdict}}
 * the ones whose alert the job does not know, {@code redflag_feedback_malformed_total} the records
 * that are not feedback, {@code redflag_alert_acknowledgements_total{outcome}} the acknowledgements
 * the dispatcher took, and {@code redflag_rule_precision{rule}} is each rule's share of real
 * problems among its judged firing periods. Label values are rule ids and fixed words.
 */
public final class FeedbackMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> verdicts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> unmatched = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> precision = new ConcurrentHashMap<>();
    private final Counter malformed;
    private final Counter acknowledged;
    private final Counter notFiring;

    public FeedbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.malformed = Counter.builder("redflag_feedback_malformed")
                .description("Feedback topic records that are not feedback records, skipped")
                .register(registry);
        this.acknowledged = acknowledgements("applied");
        this.notFiring = acknowledgements("not_firing");
    }

    private Counter acknowledgements(String outcome) {
        return Counter.builder("redflag_alert_acknowledgements")
                .description("Acknowledgements the dispatcher took (applied) or ignored as their period was not firing")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** An Acknowledge reached the dispatcher; {@code applied} when its firing period was firing. */
    public void acknowledgement(boolean applied) {
        (applied ? acknowledged : notFiring).increment();
    }

    /** A verdict joined to its alert. */
    public void verdict(String ruleId, String verdict) {
        verdicts.computeIfAbsent(ruleId + '\u001f' + verdict, k -> Counter.builder("redflag_alert_feedback")
                .description("Verdicts people gave on alerts, joined to their alert, by rule and verdict")
                .tag("rule", ruleId).tag("verdict", verdict)
                .register(registry)).increment();
    }

    /** A verdict on an alert the job does not know (never fired, or longer ago than it keeps). */
    public void unmatched(String verdict) {
        unmatched.computeIfAbsent(verdict, k -> Counter.builder("redflag_alert_feedback_unmatched")
                .description("Verdicts whose alert (fingerprint and start) the job does not know")
                .tag("verdict", verdict)
                .register(registry)).increment();
    }

    public void malformed() {
        malformed.increment();
    }

    /** Sets the rule's precision, 0 to 1. */
    public void precision(String ruleId, double value) {
        precision.computeIfAbsent(ruleId, rule -> {
            AtomicLong bits = new AtomicLong();
            Gauge.builder("redflag_rule_precision", bits, b -> Double.longBitsToDouble(b.get()))
                    .description("Share of a rule's judged firing periods that people marked a real problem")
                    .tag("rule", rule)
                    .register(registry);
            return bits;
        }).set(Double.doubleToLongBits(value));
    }
}
