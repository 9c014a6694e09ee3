package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTest {

    @Test
    void dueWhenTheSlowestPartitionGetsThere() {
        PartitionProgress progress = new PartitionProgress(2);
        // partition 0: ts 100 at wall 1000, ts 250 at 1100, a late ts 200 at 1150 (no progress), ts 400 at 1300
        progress.acknowledged(0, 100, 1000);
        progress.acknowledged(0, 250, 1100);
        progress.acknowledged(0, 200, 1150);
        progress.acknowledged(0, 400, 1300);
        // partition 1: ts 90 at 1010, ts 260 at 1250, ts 300 at 1400
        progress.acknowledged(1, 90, 1010);
        progress.acknowledged(1, 260, 1250);
        progress.acknowledged(1, 300, 1400);

        // ts 250: partition 0 at 1100, partition 1 at 1250 (ts 260) -> 1250
        assertThat(progress.reachedAt(250)).isEqualTo(1250);
        // ts 100: partition 0 at 1000, partition 1 first >= 100 is ts 260 at 1250 -> 1250
        assertThat(progress.reachedAt(100)).isEqualTo(1250);
        // ts 90: 1000 and 1010 -> 1010
        assertThat(progress.reachedAt(90)).isEqualTo(1010);
        // ts 300: partition 0 at 1300 (ts 400), partition 1 at 1400 -> 1400
        assertThat(progress.reachedAt(300)).isEqualTo(1400);
        // ts 401: partition 0 never got there
        assertThat(progress.reachedAt(401)).isEqualTo(-1);
    }

    @Test
    void growsPastItsInitialCapacity() {
        PartitionProgress progress = new PartitionProgress(1);
        for (int i = 0; i < 1000; i++) {
            progress.acknowledged(0, i * 10L, 5000 + i);
        }
        // ts 5,555 is first reached by ts 5,560 = the 557th event (i = 556) at wall 5,556
        assertThat(progress.reachedAt(5555)).isEqualTo(5556);
    }
}
