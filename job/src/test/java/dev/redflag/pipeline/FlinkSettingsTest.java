package dev.redflag.pipeline;

import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlinkSettingsTest {

    private static JobConfig config(String state) {
        return JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: localhost:9092
                  topics: {events: [redflag.events]}
                state:
                """ + state, "job.yaml", Map.of());
    }

    @Test
    void aMiniClusterOnRocksDbGetsTheConfiguredMemoryForItsCachesAndWriteBuffers() {
        Configuration conf = FlinkSettings.localCluster(config("  backend: rocksdb\n  rocksdb-memory: 2g\n"), 0);

        assertThat(conf.toMap()).containsEntry("taskmanager.memory.managed.size", "2048m")
                .containsEntry("state.backend.type", "rocksdb");
    }

    @Test
    void theDefaultIs512MiB() {
        assertThat(FlinkSettings.localCluster(config("  backend: rocksdb\n"), 0).toMap())
                .containsEntry("taskmanager.memory.managed.size", "512m");
    }

    @Test
    void aMiniClusterOnHeapStateLeavesManagedMemoryToFlink() {
        Configuration conf = FlinkSettings.localCluster(config("  backend: hashmap\n  rocksdb-memory: 2g\n"), 0);

        assertThat(conf.toMap()).doesNotContainKey("taskmanager.memory.managed.size");
    }
}
