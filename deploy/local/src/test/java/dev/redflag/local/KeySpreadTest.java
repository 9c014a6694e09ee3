package dev.redflag.local;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KeySpreadTest {

    @Test
    void oneSubtaskGetsEverythingAndTheLargestKeyIsItsShare() {
        KeySpread spread = KeySpread.of(Map.of("a", 6L, "b", 3L, "c", 1L), 1);

        assertThat(spread.keys()).isEqualTo(3);
        assertThat(spread.largestKeyShare()).isEqualTo(0.6);
        assertThat(spread.busiestShare()).isEqualTo(1.0);
        assertThat(spread.imbalance()).isEqualTo(1.0);
        assertThat(spread.subtasksWithKeys()).isEqualTo(1);
    }

    @Test
    void aSingleKeyLeavesEveryOtherSubtaskIdle() {
        KeySpread spread = KeySpread.of(Map.of("acme", 10L), 4);

        assertThat(spread.busiestShare()).isEqualTo(1.0);
        assertThat(spread.imbalance()).isEqualTo(4.0);
        assertThat(spread.subtasksWithKeys()).isEqualTo(1);
    }

    @Test
    void twoKeysOnTwoSubtasksLoadTheBusierWithTheLargerKey() {
        // two keys that Flink places on different subtasks of 2 (max parallelism 128)
        String[] keys = IntStream.range(0, 100).mapToObj(i -> "k" + i).toArray(String[]::new);
        String first = keys[0];
        int firstSubtask = KeyGroupRangeAssignment.assignKeyToParallelOperator(first, 128, 2);
        String other = java.util.Arrays.stream(keys)
                .filter(k -> KeyGroupRangeAssignment.assignKeyToParallelOperator(k, 128, 2) != firstSubtask)
                .findFirst().orElseThrow();

        KeySpread spread = KeySpread.of(Map.of(first, 3L, other, 1L), 2, 128);

        assertThat(spread.busiestShare()).isEqualTo(0.75);
        assertThat(spread.imbalance()).isEqualTo(1.5);
        assertThat(spread.subtasksWithKeys()).isEqualTo(2);
    }

    @Test
    void theDefaultMaxParallelismIsFlinks() {
        // 128 up to parallelism 85, then the next power of two of 1.5 × p: 256 for 128
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(4)).isEqualTo(128);
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(128)).isEqualTo(256);
    }
}
