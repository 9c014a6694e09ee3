package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;

/**
 * The state of one completed checkpoint per slot: subtask {@code i} of every vertex summed, which is
 * what slot {@code i} holds when, as with Flink's default slot sharing, subtask {@code i} of each
 * vertex shares a slot (the parallelism-1 vertices all count to slot 0).
 *
 * @param bytes full state size per slot, bytes ({@code state_size}: the whole state, also when
 *              the checkpoint itself was incremental)
 */
record SlotState(long[] bytes) {

    /**
     * @param subtaskDetails one answer of {@code GET /jobs/:job/checkpoints/details/:checkpoint/subtasks/:vertex}
     *                       per vertex
     */
    static SlotState of(List<JsonNode> subtaskDetails, int slots) {
        long[] bytes = new long[slots];
        for (JsonNode vertex : subtaskDetails) {
            for (JsonNode subtask : vertex.path("subtasks")) {
                int index = subtask.path("index").asInt();
                bytes[index % slots] += Math.max(0, subtask.path("state_size").asLong(0));
            }
        }
        return new SlotState(bytes);
    }

    long total() {
        return Arrays.stream(bytes).sum();
    }

    long largest() {
        return Arrays.stream(bytes).max().orElse(0);
    }
}
