package dev.redflag.bench;

import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.pipeline.FlinkSettings;
import dev.redflag.pipeline.KafkaTopicsCheck;
import dev.redflag.pipeline.Notifications;
import dev.redflag.pipeline.RedflagJob;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The live job's topology over a pre-loaded topic, its sources bounded at the topic's end, notifications discarded. */
final class RedflagRun {

    /** A finished run: its row, and the counts the curves report in their own columns. */
    record Outcome(Result result, long kpis, long alerts, double jobSeconds, long series) {

        Pass pass() {
            return new Pass(result, series);
        }
    }

    /** One pass of a compared run: its row and the distinct KPI series it emitted (-1 when not counted). */
    record Pass(Result result, long series) {
    }

    private RedflagRun() {
    }

    static Outcome run(String name, JobConfig config, KpiCatalog catalog, Path routes, long events,
                       HeapSampler heap) throws Exception {
        JobExecutionResult result = define(config, catalog, routes, OffsetsInitializer.latest()).execute(name);
        return outcome(name, config, events, heap, result, result.getNetRuntime() / 1000.0);
    }

    /**
     * The job, its sources bounded at {@code stopAt}, ready to execute. The topics it uses are
     * created first, as {@code redflag run} does: a bounded source subscribed by pattern to a topic
     * that does not exist (the feedback topic) never finishes, and the run with it.
     */
    static StreamExecutionEnvironment define(JobConfig config, KpiCatalog catalog, Path routes,
                                             OffsetsInitializer stopAt) throws Exception {
        KafkaTopicsCheck.createMissing(config.kafka(), config.parallelism(), Duration.ofSeconds(30));
        StreamExecutionEnvironment env = environment(config);
        Notifications notifications = Notifications.routedBy(RouteLoader.load(routes));
        RedflagJob.Outputs outputs = RedflagJob.define(env, config, catalog, notifications, stopAt);
        outputs.notifications().sinkTo(new DiscardingSink<>()).name("discard-notifications");
        outputs.alerts().map(new Counting<>("alerts")).sinkTo(new DiscardingSink<>()).name("count-alerts");
        outputs.kpis().published().map(new Counting<>("kpis")).map(new DistinctSeries("series"))
                .sinkTo(new DiscardingSink<>()).name("count-kpis");
        return env;
    }

    static Outcome outcome(String name, JobConfig config, long events, HeapSampler heap, JobExecutionResult result,
                           double jobSeconds) {
        Integer alerts = result.getAccumulatorResult("alerts");
        Integer kpis = result.getAccumulatorResult("kpis");
        Integer series = result.getAccumulatorResult("series");
        long k = kpis == null ? 0 : kpis;
        long a = alerts == null ? 0 : alerts;
        Result row = CapturingReporter.result(name, events, config.parallelism(), jobSeconds, heap.peak(),
                String.format(Locale.ROOT, "%,d KPI values of %,d series, %,d alert transitions; checkpoints every %d ms; "
                        + "whole job %.1f s (end-of-input flush included)", k, series == null ? -1 : series, a,
                        config.state().checkpointing().map(d -> d.toMillis()).orElse(-1L), jobSeconds));
        return new Outcome(row, k, a, jobSeconds, series == null ? -1 : series);
    }

    static StreamExecutionEnvironment environment(JobConfig config) {
        Configuration conf = FlinkSettings.localCluster(config, 0);
        conf.setString("metrics.reporter.bench.factory.class", CapturingReporter.Factory.class.getName());
        conf.setString("metrics.reporter.bench.interval", "1 s");
        return FlinkSettings.apply(StreamExecutionEnvironment.createLocalEnvironment(conf), config);
    }
}
