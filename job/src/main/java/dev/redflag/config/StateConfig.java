package dev.redflag.config;

import dev.redflag.yaml.Durations;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how often the job checkpoints its state.
 *
 * @param checkpointDir      a URI with a scheme, e.g. {@code file:///tmp/redflag/checkpoints}
 *                           or {@code s3://bucket/redflag}
 * @param checkpointInterval null when checkpointing is off
 * @param rocksDbMemoryMib   RocksDB's block cache and write buffers, in MiB, of the mini cluster
 *                           {@code redflag run} starts in its own process; a Flink cluster's
 *                           TaskManagers set theirs ({@code taskmanager.memory.managed.size})
 */
public record StateConfig(Backend backend, String checkpointDir, Duration checkpointInterval, boolean incremental,
                          int rocksDbMemoryMib)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Flink state backends the job supports. */
    public enum Backend {
        ROCKSDB,
        HASHMAP;

        /** The spelling used in the config file and in Flink's {@code state.backend.type}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StateConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
    }

    /** The checkpoint interval, empty when {@code checkpoint-interval: off}. */
    public Optional<Duration> checkpointing() {
        return Optional.ofNullable(checkpointInterval);
    }

    @Override
    public String toString() {
        return "StateConfig[backend=" + backend.configName() + ", checkpointDir=" + checkpointDir
                + ", checkpointInterval=" + (checkpointInterval == null ? "off" : Durations.format(checkpointInterval))
                + ", incremental=" + incremental + ", rocksDbMemory=" + rocksDbMemoryMib + "m]";
    }
}
