package dev.redflag.cli;

import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.pipeline.FlinkSettings;
import dev.redflag.pipeline.RedflagJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code redflag run}: the live job. Submitted to a cluster (flink run redflag-cluster.jar run …)
 * it runs there; started with {@code java -jar} it runs on an in-process mini cluster.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the live job: Kafka events in; KPIs to Kafka and Prometheus.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "job config YAML")
    Path config;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config);
        KpiCatalog catalog = JobConfigs.catalog(jobConfig);
        LOG.info("starting redflag: {} KPIs, kafka {}", catalog.specs().size(), jobConfig.kafka());
        StreamExecutionEnvironment env = FlinkSettings.apply(
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(jobConfig)), jobConfig);
        RedflagJob.define(env, jobConfig, catalog);
        env.execute("redflag");
        return 0;
    }
}
