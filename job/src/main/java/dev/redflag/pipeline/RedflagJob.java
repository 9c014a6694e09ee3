package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.config.JobConfig;
import dev.redflag.config.KafkaConfig;
import dev.redflag.event.DeadLetterSerializer;
import dev.redflag.event.Envelope;
import dev.redflag.event.EnvelopeDeserializer;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.metrics.AlertMetrics;
import dev.redflag.metrics.KpiGauges;
import dev.redflag.metrics.PipelineMetrics;
import dev.redflag.config.NotifyConfig;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.alertmanager.AlertmanagerSettings;
import dev.redflag.notify.dispatch.Notification;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The live job: Kafka events in, KPI values out to the KPI topic and the Prometheus endpoint, dead
 * letters to their topic; rule sets from the rules topic, alert transitions to the alerts topic and
 * the Prometheus endpoint. Extra sinks (the demo's console) attach to the returned outputs.
 */
public final class RedflagJob {

    private RedflagJob() {
    }

    public static Outputs define(StreamExecutionEnvironment env, JobConfig config, KpiCatalog catalog) {
        return define(env, config, catalog, Notifications.none());
    }

    public static Outputs define(StreamExecutionEnvironment env, JobConfig config, KpiCatalog catalog,
                                 Notifications notifications) {
        return define(env, config, catalog, notifications, null);
    }

    /**
     * The live job with its Kafka sources bounded: the events and config topics are read up to
     * {@code stopAt} and the job then finishes, for benchmarks over a pre-loaded topic.
     *
     * @param stopAt where the event and config sources stop; null for the unbounded live job
     */
    public static Outputs define(StreamExecutionEnvironment env, JobConfig config, KpiCatalog catalog,
                                 Notifications notifications, OffsetsInitializer stopAt) {
        KafkaConfig kafka = config.kafka();
        DataStream<Envelope> envelopes = env.fromSource(source(kafka, stopAt),
                GuardedWatermarks.strategy(config.eventTime().maxOutOfOrderness(),
                        config.eventTime().maxFutureSkew(), config.eventTime().idleness()),
                "kafka-events").uid("kafka-events");
        KpiPipeline.Outputs outputs = KpiPipeline.build(envelopes, catalog, config.eventTime(),
                config.kpis().entityTtl(), new MeteredGateCounters(config.metrics()),
                new MeteredExpiredContributions(config.metrics()));
        outputs.deadLetters()
                .sinkTo(sink(kafka, new DeadLetterSerializer(kafka.deadLetterTopic())))
                .name("dead-letter-topic").uid("dead-letter-topic");
        // one task takes the published values and hands them to both sinks chained to it and to
        // stream absence: each value crosses the network once, not once per consumer (the union of
        // the window operator's, the funnel's and the ledger's values chains to none of them)
        DataStream<KpiValue> published = outputs.published().map(v -> v).returns(KpiValue.class)
                .name("kpi-publish").uid("kpi-publish");
        published
                .sinkTo(sink(kpiTopicProperties(kafka), kafka, new KpiValueSerializer(kafka.kpiTopic())))
                .name("kpi-topic").uid("kpi-topic");
        int cap = config.metrics().maxSeriesPerKpi();
        Map<String, String> kpiUnits = new TreeMap<>();
        catalog.specs().forEach((name, spec) -> kpiUnits.put(name, spec.unit()));
        published.sinkTo(new MetricsSink<KpiValue>(config.metrics(), hub -> {
            KpiGauges gauges = hub.kpiGauges(cap);
            PipelineMetrics counters = hub.pipelineMetrics();
            kpiUnits.forEach((kpi, unit) -> {
                gauges.expect(kpi, unit);
                counters.expectKpi(kpi);
            });
            return v -> {
                if (!Double.isNaN(v.value())) { // a funnel window with SQLs but no MQL has no rate to show
                    gauges.record(v.kpi(), v.window(), v.dims(), v.value());
                }
                counters.kpiValue(v.kpi());
            };
        })).name("kpi-gauges").uid("kpi-gauges");
        DataStream<String> bundles = env.fromSource(configSource(config, ConfigTopicRecords.rules(), "-rules", stopAt),
                        ConfigTopicWatermarks.strategy(),
                "kafka-rules").uid("kafka-rules").setParallelism(1);
        DataStream<AlertEvent> alerts = AlertPipeline.build(outputs.kpis(), published, bundles, catalog,
                AlertLifecycle.DEFAULT, config.metrics());
        alerts.sinkTo(alertsSink(config))
                .name("alerts-topic").uid("alerts-topic");
        alerts.sinkTo(new MetricsSink<AlertEvent>(config.metrics(), hub -> {
            AlertMetrics counters = hub.alertMetrics();
            return e -> counters.transition(e.alertname(), e.phase().name().toLowerCase(Locale.ROOT), e.shadow());
        })).name("alert-metrics").uid("alert-metrics");
        DataStream<Feedback> feedback = FeedbackPipeline.parse(env.fromSource(feedbackSource(kafka, stopAt),
                        ConfigTopicWatermarks.<byte[]>strategy(), FeedbackPipeline.SOURCE_UID)
                .uid(FeedbackPipeline.SOURCE_UID).setParallelism(1), config.metrics());
        FeedbackPipeline.verdicts(alerts, feedback, config.metrics())
                .sinkTo(sink(kafka, new VerdictSerializer(kafka.alertsTopic())))
                .setParallelism(1).name(FeedbackPipeline.ALERTS_TOPIC_UID).uid(FeedbackPipeline.ALERTS_TOPIC_UID);
        NotifyConfig notify = config.notifications();
        if (!notify.alertmanagerUrls().isEmpty()) {
            NotificationPipeline.alertmanager(alerts, new AlertmanagerSettings(
                    notify.alertmanagerUrls().stream().map(URI::create).toList(), notify.resendInterval(),
                    notify.grafanaUrl().isEmpty() ? null : notify.grafanaUrl(), RetryPolicy.defaults()),
                    config.metrics());
        }
        DataStream<Notification> sent = notifications.routes() == null ? null
                : notify(env, config, alerts, feedback, notifications, stopAt);
        return new Outputs(outputs, alerts, sent);
    }

    /**
     * What the live job produces, for callers that attach more sinks (the demo's console).
     *
     * @param notifications what the dispatcher hands to receivers; null without a routing tree
     */
    public record Outputs(KpiPipeline.Outputs kpis, DataStream<AlertEvent> alerts,
                          DataStream<Notification> notifications) {
    }

    /** Alerts to receivers through the dispatcher, fed the silences from the config topic. */
    private static DataStream<Notification> notify(StreamExecutionEnvironment env, JobConfig config,
                                                   DataStream<AlertEvent> alerts, DataStream<Feedback> feedback,
                                                   Notifications notifications, OffsetsInitializer stopAt) {
        DataStream<String> silences = env.fromSource(
                        configSource(config, ConfigTopicRecords.silences(), "-silences", stopAt),
                        ConfigTopicWatermarks.strategy(), "kafka-silences")
                .uid("kafka-silences").setParallelism(1);
        return NotificationPipeline.routed(alerts, feedback, silences, notifications,
                config.notifications().grafanaUrl(),
                config.metrics());
    }

    /**
     * Exactly once when checkpoints run: transitions become visible to {@code read_committed}
     * readers when the checkpoint that covers them completes, so a replay after a failure writes
     * none twice. Without checkpoints a transaction would never commit; then at least once.
     */
    static KafkaSink<AlertEvent> alertsSink(JobConfig config) {
        KafkaConfig kafka = config.kafka();
        if (config.state().checkpointing().isEmpty()) {
            return sink(kafka, new AlertEventSerializer(kafka.alertsTopic(), config.notifications().grafanaUrl()));
        }
        Properties props = properties(kafka);
        // the broker's transaction.max.timeout.ms defaults to 15 minutes; Flink's default of 1 h is refused
        props.putIfAbsent("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        return KafkaSink.<AlertEvent>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(new AlertEventSerializer(kafka.alertsTopic(), config.notifications().grafanaUrl()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(kafka.groupId() + "-alerts")
                .build();
    }

    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /**
     * The rules topic from its beginning: a compacted topic ends on the latest rule set. Each job
     * reads all of it, so the consumer group is the job's own with a suffix.
     */
    static KafkaSource<String> rulesSource(JobConfig config) {
        return configSource(config, ConfigTopicRecords.rules(), "-rules", null);
    }

    private static KafkaSource<String> configSource(JobConfig config, ConfigTopicRecords records, String groupSuffix,
                                                    OffsetsInitializer stopAt) {
        KafkaConfig kafka = config.kafka();
        var builder = KafkaSource.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.rulesTopic())
                .setGroupId(kafka.groupId() + groupSuffix)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperties(properties(kafka))
                .setDeserializer(records);
        if (stopAt != null) {
            builder.setBounded(stopAt);
        }
        return builder.build();
    }

    /**
     * The feedback topic, subscribed by pattern so that a topic created after the job started is
     * picked up at the next partition discovery instead of failing the job ({@code redflag run}
     * checks and creates it first, as the other topics). A job without state of its own starts at
     * the topic's end: a verdict on an alert from before its state began cannot be joined anyway.
     */
    static KafkaSource<byte[]> feedbackSource(KafkaConfig kafka, OffsetsInitializer stopAt) {
        var builder = KafkaSource.<byte[]>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopicPattern(Pattern.compile(Pattern.quote(kafka.feedbackTopic())))
                .setGroupId(kafka.groupId() + "-feedback")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST))
                .setProperties(properties(kafka))
                .setProperty("partition.discovery.interval.ms", "10000")
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class));
        if (stopAt != null) {
            builder.setBounded(stopAt);
        }
        return builder.build();
    }

    static KafkaSource<Envelope> source(KafkaConfig kafka) {
        return source(kafka, null);
    }

    static KafkaSource<Envelope> source(KafkaConfig kafka, OffsetsInitializer stopAt) {
        OffsetsInitializer start = switch (kafka.startFrom()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
        var builder = KafkaSource.<Envelope>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.eventTopics())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(start)
                .setProperties(properties(kafka))
                .setDeserializer(new EnvelopeDeserializer());
        if (stopAt != null) {
            builder.setBounded(stopAt);
        }
        return builder.build();
    }

    /**
     * The KPI topic's producer batches more than Kafka's defaults (16 KiB, 5 ms): a watermark that
     * passes a window's end sends a value for every series at once, and larger batches send them in
     * fewer produce requests (19–22% more events per second at a million series in alternating runs).
     * A value waits up to 20 ms more; a client property the configuration sets wins.
     */
    static Properties kpiTopicProperties(KafkaConfig kafka) {
        Properties p = properties(kafka);
        p.putIfAbsent("batch.size", Integer.toString(KPI_TOPIC_BATCH_BYTES));
        p.putIfAbsent("linger.ms", Long.toString(KPI_TOPIC_LINGER.toMillis()));
        return p;
    }

    static final int KPI_TOPIC_BATCH_BYTES = 128 * 1024;
    static final Duration KPI_TOPIC_LINGER = Duration.ofMillis(20);

    /** At least once: a replay after a failure may write a dead letter or KPI value twice. */
    private static <T> KafkaSink<T> sink(KafkaConfig kafka, KafkaRecordSerializationSchema<T> serializer) {
        return sink(properties(kafka), kafka, serializer);
    }

    private static <T> KafkaSink<T> sink(Properties props, KafkaConfig kafka, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /**
     * The client properties, security settings included. They travel inside the serialized sources
     * and sinks, not in the job's global parameters or the Flink configuration, which Flink's web UI
     * and REST API show (SecuredKafkaIT checks that the password is in neither).
     */
    private static Properties properties(KafkaConfig kafka) {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        return p;
    }
}
