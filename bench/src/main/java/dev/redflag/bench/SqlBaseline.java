package dev.redflag.bench;

import dev.redflag.event.Envelope;
import dev.redflag.event.EnvelopeDeserializer;
import dev.redflag.event.OrderEvent;
import dev.redflag.event.SessionEvent;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import java.util.Locale;

/**
 * The Flink SQL baseline: the same topic through the same decoder, sessions and orders as tables
 * with event time from {@code ts} (30 s out of orderness, like the job), and three of redflag's KPIs
 * as SQL tumbling windows of one hour into discarding sinks:
 * bounce rate per tenant and page, conversion rate per tenant and channel, order revenue per tenant.
 * No dead-letter topic, KPI topic, rules, alerts or notifications: a lower bound on what a
 * hand-written SQL job covering the same KPIs costs.
 */
final class SqlBaseline {

    private SqlBaseline() {
    }

    /** A session as a table row. */
    public static final class SessionRow {
        public String tenant;
        public String page;
        public String channel;
        public int bounced;
        public int converted;
        public long ts;

        public SessionRow() {
        }
    }

    /** An order as a table row. */
    public static final class OrderRow {
        public String tenant;
        public double amount;
        public long ts;

        public OrderRow() {
        }
    }

    static Result run(StreamExecutionEnvironment env, String bootstrap, String topic, long events, int parallelism,
                      HeapSampler heap) throws Exception {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        KafkaSource<Envelope> source = KafkaSource.<Envelope>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId("bench-sql")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("max.poll.records", Integer.toString(Bench.MAX_POLL_RECORDS))
                .setDeserializer(new EnvelopeDeserializer())
                .build();
        DataStream<Envelope> envelopes = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-events");
        DataStream<SessionRow> sessions = envelopes
                .filter(e -> e.event instanceof SessionEvent)
                .map(e -> {
                    SessionEvent s = (SessionEvent) e.event;
                    SessionRow r = new SessionRow();
                    r.tenant = s.tenant();
                    r.page = s.page();
                    r.channel = s.channel();
                    r.bounced = s.bounced() ? 1 : 0;
                    r.converted = s.converted() ? 1 : 0;
                    r.ts = s.ts();
                    return r;
                });
        DataStream<OrderRow> orders = envelopes
                .filter(e -> e.event instanceof OrderEvent)
                .map(e -> {
                    OrderEvent o = (OrderEvent) e.event;
                    OrderRow r = new OrderRow();
                    r.tenant = o.tenant();
                    r.amount = o.amount();
                    r.ts = o.ts();
                    return r;
                });
        Schema timed = Schema.newBuilder()
                .columnByExpression("rt", "TO_TIMESTAMP_LTZ(ts, 3)")
                .watermark("rt", "rt - INTERVAL '30' SECOND")
                .build();
        tables.createTemporaryView("sessions", tables.fromDataStream(sessions, timed));
        tables.createTemporaryView("orders", tables.fromDataStream(orders, timed));
        String window = "TABLE(TUMBLE(TABLE %s, DESCRIPTOR(rt), INTERVAL '1' HOUR))";
        Table bounce = tables.sqlQuery("SELECT tenant, page, window_start, CAST(SUM(bounced) AS DOUBLE) / COUNT(*) "
                + "AS bounce_rate FROM " + window.formatted("sessions") + " GROUP BY tenant, page, window_start, window_end");
        Table conversion = tables.sqlQuery("SELECT tenant, channel, window_start, CAST(SUM(converted) AS DOUBLE) / COUNT(*) "
                + "AS conversion_rate FROM " + window.formatted("sessions")
                + " GROUP BY tenant, channel, window_start, window_end");
        Table revenue = tables.sqlQuery("SELECT tenant, window_start, SUM(amount) AS revenue FROM "
                + window.formatted("orders") + " GROUP BY tenant, window_start, window_end");
        for (Table t : new Table[]{bounce, conversion, revenue}) {
            tables.toDataStream(t).map(new Counting<>("rows")).sinkTo(new DiscardingSink<>());
        }
        JobExecutionResult result = env.execute("flink sql baseline");
        Integer rows = result.getAccumulatorResult("rows");
        double jobSeconds = result.getNetRuntime() / 1000.0;
        double input = CapturingReporter.inputSeconds();
        return new Result("Flink SQL baseline (3 KPIs)", events, input > 0 ? input : jobSeconds, parallelism,
                CapturingReporter.max("numberOfCompletedCheckpoints"), CapturingReporter.max("lastCheckpointFullSize"),
                CapturingReporter.max("lastCheckpointDuration"), heap.peak(),
                String.format(Locale.ROOT, "bounce rate, conversion rate, order revenue per hour; %,d window rows; "
                        + "heap state; whole job %.1f s", rows == null ? 0 : rows, jobSeconds));
    }

}
