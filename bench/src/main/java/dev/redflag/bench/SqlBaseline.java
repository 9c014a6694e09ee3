package dev.redflag.bench;

import dev.redflag.event.Envelope;
import dev.redflag.event.EnvelopeDeserializer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import java.time.Duration;
import java.util.Locale;

/**
 * The Flink SQL baseline: the same topic through the same deserializer, event time from {@code ts}
 * with the job's out-of-orderness per partition, and every KPI of the catalog that is a plain
 * windowed aggregate ({@link SqlKpis}) as hourly SQL windows into a discarding sink. No dead-letter
 * topic, KPI topic, funnel, customer ledger, slices, rules, alerts or notifications: a lower bound on
 * what a hand-written SQL job computing the same windowed KPIs costs.
 */
final class SqlBaseline {

    static final String NAME = "Flink SQL baseline (" + (SqlKpis.KPIS.size() - 1) + " KPIs and ARPU's revenue)";

    private SqlBaseline() {
    }

    static Result run(StreamExecutionEnvironment env, String bootstrap, String topic, long events, int parallelism,
                      HeapSampler heap) throws Exception {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        DataStream<Envelope> envelopes = env.fromSource(source(bootstrap, topic, "bench-sql"),
                eventTime(BenchConfig.OUT_OF_ORDERNESS), "kafka-events");
        SqlKpis.define(tables, envelopes).map(new Counting<>("rows")).sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute("flink sql baseline");
        Integer rows = result.getAccumulatorResult("rows");
        double jobSeconds = result.getNetRuntime() / 1000.0;
        return CapturingReporter.result(NAME, events, parallelism, jobSeconds, heap.peak(),
                String.format(Locale.ROOT, "%d windowed aggregates per hour; %,d window rows; "
                        + "heap state; whole job %.1f s", SqlKpis.KPIS.size(), rows == null ? 0 : rows, jobSeconds));
    }

    /**
     * The whole topic, from its start to the end it had when the job started, decoded by the job's
     * deserializer, polled as many records at a time as every other consumer of the benchmark.
     */
    static KafkaSource<Envelope> source(String bootstrap, String topic, String group) {
        return KafkaSource.<Envelope>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("max.poll.records", Integer.toString(Bench.MAX_POLL_RECORDS))
                .setDeserializer(new EnvelopeDeserializer())
                .build();
    }

    /** Event time from the event's {@code ts}, bounded out-of-orderness per partition as the job's; broken records carry none. */
    static WatermarkStrategy<Envelope> eventTime(Duration outOfOrderness) {
        return WatermarkStrategy.<Envelope>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((e, previous) -> e.event == null ? Long.MIN_VALUE : e.event.ts());
    }
}
