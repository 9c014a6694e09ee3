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
        state.checkpointing().ifPresent(interval ->
                conf.setString("execution.checkpointing.interval", interval.toMillis() + " ms"));
        conf.setString("pipeline.object-reuse", "true");
        conf.setString("parallelism.default", Integer.toString(config.parallelism()));
        return conf;
    }

    public static StreamExecutionEnvironment apply(StreamExecutionEnvironment env, JobConfig config) {
        env.configure(of(config));
        env.setParallelism(config.parallelism());
        return env;
    }
}
