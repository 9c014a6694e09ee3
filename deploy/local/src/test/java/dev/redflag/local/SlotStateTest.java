package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlotStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void subtaskIOfEveryVertexCountsToSlotI() throws Exception {
        JsonNode windows = JSON.readTree("""
                {"id": "w", "subtasks": [{"index": 0, "state_size": 100, "checkpointed_size": 10},
                                         {"index": 1, "state_size": 300, "checkpointed_size": 30}]}""");
        JsonNode gate = JSON.readTree("""
                {"id": "g", "subtasks": [{"index": 0, "state_size": 50, "checkpointed_size": 50}]}""");

        SlotState state = SlotState.of(List.of(windows, gate), 2);

        assertThat(state.bytes()).containsExactly(150, 300);
        assertThat(state.total()).isEqualTo(450);
        assertThat(state.largest()).isEqualTo(300);
    }

    @Test
    void aSubtaskWithoutStatisticsAddsNothing() throws Exception {
        JsonNode pending = JSON.readTree("""
                {"id": "w", "subtasks": [{"index": 0, "status": "pending_or_failed"}, {"index": 1, "state_size": -1}]}""");

        assertThat(SlotState.of(List.of(pending), 2).bytes()).containsExactly(0, 0);
    }
}
