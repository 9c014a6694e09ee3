package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.config.MetricsConfig;
import dev.redflag.notify.alertmanager.AlertmanagerSettings;
import dev.redflag.notify.slack.TestAlerts;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alertmanager branch the job gets from one call: its operators, with the uids that savepoints depend on. */
class NotificationPipelineTest {

    @Test
    void filterResendAndSinkWithFixedUids() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        AlertEvent firing = TestAlerts.rule("web", "BounceRateRising", "critical", "bounce_rate")
                .firing(Map.of("page", "/a"), 0.42, 0.2, 110);
        NotificationPipeline.alertmanager(env.fromData(List.of(firing), TypeInformation.of(AlertEvent.class)),
                AlertmanagerSettings.defaults(List.of(URI.create("http://alertmanager:9093"))),
                new MetricsConfig(0, 1000));

        StreamGraph graph = env.getStreamGraph();

        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID)
                .contains("alertmanager-filter", "alertmanager-resend", "alertmanager-sink");
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getOperatorName)
                .anySatisfy(name -> assertThat(name).contains("alertmanager-resend"))
                .anySatisfy(name -> assertThat(name).contains("alertmanager-sink"));
    }
}
