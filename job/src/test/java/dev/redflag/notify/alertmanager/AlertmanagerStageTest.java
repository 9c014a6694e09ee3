package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.config.MetricsConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The branch the job gets from one call: its operators, with the uids that savepoints depend on. */
class AlertmanagerStageTest {

    @Test
    void filterResendAndSinkWithFixedUids() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        AlertmanagerStage.attach(env.fromData(List.of(TestAlerts.firing("/a", Instant.EPOCH)),
                        TypeInformation.of(AlertEvent.class)),
                AlertmanagerSettings.defaults(List.of(URI.create("http://alertmanager:9093"))),
                new MetricsConfig(0, 1000));

        StreamGraph graph = env.getStreamGraph();

        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID)
                .contains(AlertmanagerStage.FILTER_UID, AlertmanagerStage.RESEND_UID, AlertmanagerStage.SINK_UID);
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getOperatorName)
                .anySatisfy(name -> assertThat(name).contains("alertmanager-resend"))
                .anySatisfy(name -> assertThat(name).contains("alertmanager-sink"));
    }
}
