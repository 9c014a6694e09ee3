package dev.redflag.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleVerticesTest {

    @Test
    void aTaskIsTheVertexOfItsFirstOperatorHoweverTheReporterSpellsIt() {
        assertThat(LocalStackScale.vertexOf("Source:_kafka-events_->_event-gate_->_kpi-contributions")).isEqualTo("kafka-events");
        assertThat(LocalStackScale.vertexOf("windowed-kpis -> kpi-topic")).isEqualTo("windowed-kpis");
        assertThat(LocalStackScale.vertexOf("customer_ledger")).isEqualTo("customer-ledger");
        assertThat(LocalStackScale.vertexOf("Source:_kafka-rules")).isNull();
        assertThat(LocalStackScale.vertexOf("rule-set-gate")).isNull();
    }
}
