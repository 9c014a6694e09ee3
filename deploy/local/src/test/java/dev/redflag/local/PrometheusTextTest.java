package dev.redflag.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP flink_taskmanager_job_task_operator_numRecordsOut numRecordsOut (scope: taskmanager_job_task_operator)
            # TYPE flink_taskmanager_job_task_operator_numRecordsOut gauge
            flink_taskmanager_job_task_operator_numRecordsOut{operator_name="Source:_kafka_events",subtask_index="0",} 1200.0
            flink_taskmanager_job_task_operator_numRecordsOut{operator_name="Source:_kafka_events",subtask_index="1",} 34.0
            flink_taskmanager_job_task_operator_numRecordsOut{operator_name="event_gate",subtask_index="0",} 99.0
            flink_taskmanager_job_task_operator_numRecordsOutPerSecond{operator_name="Source:_kafka_events",subtask_index="0",} 5.0
            flink_taskmanager_Status_JVM_Memory_Heap_Used{tm_id="taskmanager-1",note="a \\"quoted\\" \\\\ value",} 1.048576E8
            flink_taskmanager_Status_JVM_CPU_Load 0.25
            """;

    @Test
    void readsEverySampleOfOneMetricWithItsLabelsAndNoneOfALongerName() {
        List<PrometheusText.Series> out = PrometheusText.samples(TEXT, "flink_taskmanager_job_task_operator_numRecordsOut");

        assertThat(out).extracting(PrometheusText.Series::value).containsExactly(1200.0, 34.0, 99.0);
        assertThat(out.get(1).labels()).isEqualTo(Map.of("operator_name", "Source:_kafka_events", "subtask_index", "1"));
    }

    @Test
    void unescapesLabelValuesAndReadsExponentsAndMetricsWithoutLabels() {
        PrometheusText.Series heap = PrometheusText.samples(TEXT, "flink_taskmanager_Status_JVM_Memory_Heap_Used").get(0);

        assertThat(heap.value()).isEqualTo(104_857_600.0);
        assertThat(heap.label("note")).isEqualTo("a \"quoted\" \\ value");
        assertThat(heap.label("absent")).isEmpty();
        assertThat(PrometheusText.samples(TEXT, "flink_taskmanager_Status_JVM_CPU_Load"))
                .containsExactly(new PrometheusText.Series(Map.of(), 0.25));
    }
}
