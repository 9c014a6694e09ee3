package dev.redflag.bench;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.Locale;

/**
 * Flink's own floor on the benchmark's topic: the Kafka source of the SQL baseline (the job's
 * deserializer, event time and watermarks as the job's) chained to a count of the records and a
 * sink that discards them, in a job with the same checkpoints and parallelism as the others. No
 * Flink job reading this topic does less, so it tells how much of the distance from the ceiling (a
 * Kafka consumer with no Flink) is Flink's source path rather than redflag's work.
 */
final class SourceFloor {

    static final String NAME = "Flink source alone: KafkaSource + decode, discarded";

    private SourceFloor() {
    }

    static Result run(StreamExecutionEnvironment env, String bootstrap, String topic, long events, int parallelism,
                      HeapSampler heap) throws Exception {
        env.fromSource(SqlBaseline.source(bootstrap, topic, "bench-source"),
                        SqlBaseline.eventTime(BenchConfig.OUT_OF_ORDERNESS), "kafka-events")
                .map(new Counting<>("records")).sinkTo(new DiscardingSink<>()).name("discard-events");
        JobExecutionResult result = env.execute("flink source alone");
        double jobSeconds = result.getNetRuntime() / 1000.0;
        Integer records = result.getAccumulatorResult("records");
        return CapturingReporter.result(NAME, events, parallelism, jobSeconds, heap.peak(),
                String.format(Locale.ROOT, "%,d records, the source chained to a discarding sink; whole job %.1f s",
                        records == null ? 0 : records, jobSeconds));
    }
}
