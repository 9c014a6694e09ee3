package dev.redflag.bench;

import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The job config of a benchmark run: its topics, state backend, parallelism and checkpoints. */
final class BenchConfig {

    /** The watermark's bound; the latency run needs it to tell when a window became due. */
    static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    private BenchConfig() {
    }

    /**
     * @param backend hashmap or rocksdb
     * @param checkpointInterval none when null
     */
    static JobConfig of(String bootstrap, Path work, String backend, String eventsTopic, String rulesTopic,
                        int parallelism, Duration checkpointInterval) throws IOException {
        return of(bootstrap, work, backend, eventsTopic, rulesTopic, parallelism, checkpointInterval, null);
    }

    /** @param rocksDbMemory {@code state.rocksdb-memory} (e.g. 2g); null for the job's default */
    static JobConfig of(String bootstrap, Path work, String backend, String eventsTopic, String rulesTopic,
                        int parallelism, Duration checkpointInterval, String rocksDbMemory) throws IOException {
        Path checkpoints = Files.createDirectories(work.resolve("checkpoints-" + backend + "-" + System.nanoTime()));
        return JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: redflag-bench-%s
                  start-from: earliest
                  properties: {max.poll.records: "%d"}
                  topics: {events: [%s], dead-letters: bench.dead-letters, kpis: bench.kpis,
                           rules: %s, alerts: bench.alerts}
                event-time:
                  max-out-of-orderness: %ds
                  idleness: 10s
                  allowed-lateness: 1m
                state:
                  backend: %s
                  checkpoint-dir: %s
                  checkpoint-interval: %dms
                %s
                parallelism: %d
                metrics:
                  port: 0
                """.formatted(bootstrap, backend + System.nanoTime(), Bench.MAX_POLL_RECORDS, eventsTopic, rulesTopic,
                OUT_OF_ORDERNESS.toSeconds(), backend, checkpoints.toUri(), checkpointInterval.toMillis(),
                rocksDbMemory == null ? "" : "  rocksdb-memory: " + rocksDbMemory, parallelism), "bench", Map.of());
    }
}
