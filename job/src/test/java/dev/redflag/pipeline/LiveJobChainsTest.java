package dev.redflag.pipeline;

import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which operators of the live job share a task, where that decides what a record costs: a value
 * that crosses the network is serialized once per consuming task, and a record handed to several
 * operators chained together is copied for each.
 */
class LiveJobChainsTest {

    private static final JobGraph JOB = OperatorUidsTest.liveJob().getJobGraph();

    private static JobVertex vertexWith(String operator) {
        List<JobVertex> found = StreamSupport.stream(JOB.getVertices().spliterator(), false)
                .filter(v -> v.getName().contains(operator))
                .toList();
        assertThat(found).as("tasks running " + operator).hasSize(1);
        return found.get(0);
    }

    @Test
    void theKpiTopicAndTheGaugesTakeThePublishedValuesInOneTask() {
        JobVertex publish = vertexWith("kpi-publish");
        assertThat(publish.getName()).contains("kpi-topic: Writer", "kpi-gauges: Writer");
        // the window operator sends each value to the rule evaluation and to that task, which sends
        // it on to stream absence: the window operator serializes a value twice, not four times
        assertThat(vertexWith("windowed-kpis").getProducedDataSets()).hasSize(2);
        assertThat(publish.getProducedDataSets()).hasSize(1);
        assertThat(publish.getProducedDataSets().get(0).getConsumers().get(0).getTarget().getName())
                .contains("stream-absence");
    }

    @Test
    void theLeadAndCustomerFactsAreMadeInTheSourceTask() {
        JobVertex source = vertexWith("event-gate");
        assertThat(source.getName()).contains("kafka-events", "kpi-contributions", "lead-facts", "customer-facts");
    }
}
