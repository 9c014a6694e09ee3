package dev.redflag.pipeline;

import dev.redflag.config.JobConfig;
import dev.redflag.config.StateConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Turns the job config into Flink settings: state backend, checkpoints, parallelism, object reuse.
 * Object reuse is safe because no redflag function keeps a reference to an input record, and it
 * spares a copy of every event between the chained source, gate and extractor.
 */
public final class FlinkSettings {

    private FlinkSettings() {
    }

    public static Configuration of(JobConfig config) {
        Configuration conf = new Configuration();
        StateConfig state = config.state();
        conf.setString("state.backend.type", state.backend().configName());
        conf.setString("execution.checkpointing.dir", state.checkpointDir());
        conf.setString("execution.checkpointing.incremental", Boolean.toString(state.incremental()));
        if (state.backend() == StateConfig.Backend.ROCKSDB) {
            // most reads of keyed state find nothing (a new window, a new series, an alert that never
            // fired), and without a filter RocksDB looks for the key in every file that could hold it
            conf.setString("state.backend.rocksdb.use-bloom-filter", "true");
        }
        state.checkpointing().ifPresent(interval ->
                conf.setString("execution.checkpointing.interval", interval.toMillis() + " ms"));
        conf.setString("pipeline.object-reuse", "true");
        conf.setString("parallelism.default", Integer.toString(config.parallelism()));
        return conf;
    }

    /**
     * Settings of a local mini cluster plus Flink's Prometheus reporter on {@code port} (none for 0),
     * so a local Prometheus can scrape Flink's own metrics (checkpoints, backpressure, records in and
     * out) next to redflag's. Reporters are cluster settings: a job submitted to a cluster cannot
     * start one, so only callers that start their own mini cluster use this. The reporter comes with
     * {@code redflag.jar}; a port it cannot bind is logged by Flink and the job runs without it.
     */
    public static Configuration localCluster(JobConfig config, int reporterPort) {
        Configuration conf = of(config);
        if (config.state().backend() == StateConfig.Backend.ROCKSDB) {
            // RocksDB's block cache and write buffers come out of the slots' managed memory, off the
            // heap; a mini cluster gets 128 MiB for all its slots unless told, too small to keep the
            // index and recent state of a million series in memory (docs/performance.md, Key curve)
            conf.setString("taskmanager.memory.managed.size", config.state().rocksDbMemoryMib() + "m");
        }
        if (reporterPort > 0) {
            conf.setString("metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", Integer.toString(reporterPort));
        }
        return conf;
    }

    public static StreamExecutionEnvironment apply(StreamExecutionEnvironment env, JobConfig config) {
        env.configure(of(config));
        env.setParallelism(config.parallelism());
        return env;
    }
}
