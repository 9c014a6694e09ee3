package dev.redflag.pipeline;

import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.route.RouteLoader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Savepoints map state to operators by uid: an operator without an explicit one gets a hash of its
 * place in the graph, which changes when the job changes, and its state is lost on the upgrade (or
 * the restore fails). So every operator of the live job — sources, stateful functions, sinks with
 * their writers and committers, and the stateless ones too, which may gain state later — has a uid
 * of its own, and the uids are the ones savepoints of earlier versions hold.
 */
class OperatorUidsTest {

    private static final String ROUTES = """
            route:
              receiver: web
            receivers:
              - name: web
                slack: {channel: "#web-alerts"}
            """;

    /** The live job with every optional branch switched on: Alertmanager, routing and Slack. */
    static StreamGraph liveJob() {
        JobConfig config = JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: localhost:9092
                  topics: {events: [redflag.events]}
                notify:
                  alertmanager: {urls: ["http://localhost:9093"]}
                """, "job.yaml", Map.of());
        StreamExecutionEnvironment env = FlinkSettings.apply(
                StreamExecutionEnvironment.createLocalEnvironment(new Configuration()), config);
        RedflagJob.define(env, config, KpiCatalog.builtins(config.kpis().windows()),
                Notifications.routedBy(RouteLoader.parse(ROUTES, "routes.yaml")));
        return env.getStreamGraph();
    }

    @Test
    void everyOperatorHasAnExplicitUid() {
        List<String> without = liveJob().getStreamNodes().stream()
                .filter(n -> n.getTransformationUID() == null && n.getUserHash() == null)
                .map(StreamNode::getOperatorName)
                .toList();
        assertThat(without).as("operators without a uid").isEmpty();
    }

    @Test
    void theUidsAreTheOnesSavepointsHold() {
        // changing or removing one of these breaks restoring savepoints of earlier versions
        assertThat(liveJob().getStreamNodes()).extracting(StreamNode::getTransformationUID)
                .contains("kafka-events", "event-gate", "kpi-contributions", "windowed-kpis", "lead-facts",
                        "lead-funnel", "customer-facts", "customer-ledger", "dead-letter-topic", "kpi-topic",
                        "kpi-publish", "kpi-gauges", "kafka-rules", "rule-set-gate", "rule-evaluation", "stream-absence",
                        "alerts-topic", "alert-metrics", "alertmanager-filter", "alertmanager-resend",
                        "alertmanager-sink", "kafka-silences", "notification-dispatch", "slack",
                        "kafka-feedback", "feedback-parse", "verdict-join", "rule-precision", "verdicts-alerts-topic",
                        "notification-dispatch-alerts", "notification-dispatch-ack-filter",
                        "notification-dispatch-acks");
    }
}
