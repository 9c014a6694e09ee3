package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void theKeyCurveRunsOnRocksDbUnlessToldHeapState() {
        Bench defaults = new Bench();
        defaults.parse(new String[0]);
        Bench heap = new Bench();
        heap.parse(new String[] {"--key-backend", "hashmap", "--child-heap", "6g"});

        assertThat(defaults.keyBackend).isEqualTo("rocksdb");
        assertThat(heap.keyBackend).isEqualTo("hashmap");
        assertThat(heap.childHeap).isEqualTo("6g");
        assertThatThrownBy(() -> new Bench().parse(new String[] {"--key-backend", "heap"}))
                .hasMessage("--key-backend takes rocksdb or hashmap, got heap");
    }
}
