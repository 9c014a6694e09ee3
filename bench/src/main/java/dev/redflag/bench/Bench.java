package dev.redflag.bench;

import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import dev.redflag.demo.EmbeddedKafka;
import dev.redflag.demo.Incidents;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.demo.TrafficModel;
import dev.redflag.event.Decoded;
import dev.redflag.event.EventDecoder;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.pipeline.FlinkSettings;
import dev.redflag.pipeline.Notifications;
import dev.redflag.pipeline.RedflagJob;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.RulesPublisher;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code java -jar bench/target/redflag-bench.jar --events 2000000}: pre-loads a topic of an
 * in-JVM Kafka broker with generated traffic, then measures on it, one after the other, the raw
 * ceiling (consume and decode), redflag's live job on heap and on RocksDB state, and a Flink SQL
 * baseline of three of the same KPIs. {@code ... jmh [JMH options]} runs the microbenchmarks.
 */
public final class Bench {

    static final String EVENTS_TOPIC = "bench.events";

    long events = 2_000_000;
    int tenants = 20;
    int parallelism = 2;
    long seed = 42;
    Duration checkpointInterval = Duration.ofSeconds(5);
    Path rules = Path.of("alerts-config/rules");
    Path routes = Path.of("alerts-config/routes.yaml");
    Path out = Path.of("bench/target/bench-results.md");
    Set<String> runs = new LinkedHashSet<>(List.of("ceiling", "sql", "heap", "rocksdb"));

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            Microbenchmarks.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Bench bench = new Bench();
        bench.parse(args);
        bench.run();
        System.exit(0);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--events" -> events = Long.parseLong(v.replace("_", ""));
                case "--tenants" -> tenants = Integer.parseInt(v);
                case "--parallelism" -> parallelism = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--checkpoint-interval" -> checkpointInterval = Duration.ofMillis(Long.parseLong(v));
                case "--rules" -> rules = Path.of(v);
                case "--routes" -> routes = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--runs" -> runs = new LinkedHashSet<>(List.of(v.split(",")));
                case "-h", "--help" -> {
                    System.out.println("""
                            usage: java -jar redflag-bench.jar [--events N] [--tenants N] [--parallelism P]
                                   [--runs ceiling,sql,heap,rocksdb] [--checkpoint-interval MS] [--seed S]
                                   [--rules DIR] [--routes FILE] [--out FILE]
                                   java -jar redflag-bench.jar jmh [JMH options]""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            }
            i++;
        }
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("redflag-bench");
        List<Result> results = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
            JobConfig base = config(kafka.bootstrapServers(), work, "hashmap");
            kafka.createTopics(parallelism, List.of(EVENTS_TOPIC, base.kafka().deadLetterTopic(),
                    base.kafka().kpiTopic(), base.kafka().alertsTopic()));
            kafka.createCompactedTopic(base.kafka().rulesTopic());
            KpiCatalog catalog = KpiCatalog.builtins(base.kpis().windows());

            long loadStart = System.nanoTime();
            Instant firstEvent = preload(kafka.bootstrapServers());
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            String load = String.format(Locale.ROOT,
                    "pre-loaded %,d events (%d tenants, simulated from %s) in %.1f s: %,.0f events/s",
                    events, tenants, firstEvent, loadSeconds, events / loadSeconds);
            System.out.println(load);
            notes.append("- ").append(load).append('\n');

            RuleSet set = RuleLoader.parseAll(RuleBundle.read(rules).files(), catalog);
            try (RulesPublisher publisher = new RulesPublisher(kafka.bootstrapServers(),
                    base.kafka().rulesTopic(), Map.of())) {
                publisher.publish(RuleBundle.read(rules));
            }
            notes.append("- rule pack: ").append(set.rules().size()).append(" rules from ").append(rules)
                    .append('\n');

            for (String run : runs) {
                CapturingReporter.reset(events);
                HeapSampler.afterGc();
                Result r;
                try (HeapSampler heap = new HeapSampler().start()) {
                    r = switch (run) {
                        case "ceiling" -> ceiling(kafka.bootstrapServers(), heap);
                        case "sql" -> SqlBaseline.run(environment(base), kafka.bootstrapServers(), EVENTS_TOPIC,
                                events, parallelism, heap);
                        case "heap" -> redflag("redflag, heap state", config(kafka.bootstrapServers(), work,
                                "hashmap"), catalog, heap);
                        case "rocksdb" -> redflag("redflag, RocksDB state", config(kafka.bootstrapServers(), work,
                                "rocksdb"), catalog, heap);
                        default -> throw new IllegalArgumentException("unknown run " + run);
                    };
                }
                System.out.println(r.row());
                results.add(r);
            }
        }
        String report = report(results, notes.toString());
        System.out.println();
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("written to " + out);
    }

    private String report(List<Result> results, String notes) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "redflag benchmark: %,d events, %d tenants, parallelism %d, %d cores, "
                        + "Java %s, max heap %s, load average at the end %.2f%n%n", events, tenants, parallelism,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Result.mib(Runtime.getRuntime().maxMemory()),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        b.append(Result.header()).append('\n');
        results.forEach(r -> b.append(r.row()).append('\n'));
        b.append('\n').append(notes);
        Result ceiling = find(results, "ceiling");
        Result heap = find(results, "heap state");
        Result rocks = find(results, "RocksDB");
        Result sql = find(results, "SQL");
        if (ceiling != null && heap != null) {
            b.append(String.format(Locale.ROOT, "- redflag on heap: %.0f%% of the ceiling (target >= 60%%)%n",
                    100 * heap.perSecond() / ceiling.perSecond()));
        }
        if (sql != null && heap != null) {
            b.append(String.format(Locale.ROOT, "- redflag on heap: %.0f%% of the Flink SQL baseline (target >= 100%%)%n",
                    100 * heap.perSecond() / sql.perSecond()));
        }
        if (rocks != null && heap != null) {
            b.append(String.format(Locale.ROOT, "- RocksDB: %.0f%% of heap (target >= 50%%)%n",
                    100 * rocks.perSecond() / heap.perSecond()));
        }
        return b.toString();
    }

    private static Result find(List<Result> results, String part) {
        return results.stream().filter(r -> r.name().contains(part)).findFirst().orElse(null);
    }

    /** Generated traffic, as fast as the producer takes it; returns when the first event happened. */
    private Instant preload(String bootstrap) throws Exception {
        List<String> names = new ArrayList<>(List.of("acme", "globex"));
        for (int t = names.size(); t < tenants; t++) {
            names.add(String.format(Locale.ROOT, "tenant%04d", t));
        }
        TrafficModel model = TrafficModel.defaults().withTenants(names.subList(0, Math.max(tenants, 1)));
        // start far enough back that no event lies ahead of the wall clock (the job would refuse it)
        Instant start = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS);
        TrafficGenerator generator = new TrafficGenerator(model, Incidents.scripted(), seed, start);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long sent = 0;
            while (sent < events) {
                Iterator<String> minute = generator.nextMinute().iterator();
                while (minute.hasNext() && sent < events) {
                    producer.send(new ProducerRecord<>(EVENTS_TOPIC, minute.next().getBytes(StandardCharsets.UTF_8)));
                    sent++;
                }
            }
            producer.flush();
        }
        return start;
    }

    /**
     * The ceiling: one consumer thread per partition reads it all and decodes every record; the
     * better of two passes, as the first also warms the JIT and the broker's page cache.
     */
    private Result ceiling(String bootstrap, HeapSampler heap) throws Exception {
        Result first = ceilingOnce(bootstrap, heap);
        Result second = ceilingOnce(bootstrap, heap);
        return first.seconds() < second.seconds() ? first : second;
    }

    private Result ceilingOnce(String bootstrap, HeapSampler heap) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        long start = System.nanoTime();
        List<Future<long[]>> parts = new ArrayList<>();
        for (int p = 0; p < parallelism; p++) {
            TopicPartition tp = new TopicPartition(EVENTS_TOPIC, p);
            parts.add(pool.submit(() -> consumeAndDecode(bootstrap, tp)));
        }
        long total = 0;
        long ok = 0;
        for (Future<long[]> f : parts) {
            long[] counts = f.get();
            total += counts[0];
            ok += counts[1];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result("ceiling: Kafka consume + decode, no Flink", total, seconds, parallelism, -1, -1, -1,
                heap.peak(), String.format(Locale.ROOT, "%d consumer threads, %,d decoded as events; best of 2 passes", parallelism, ok));
    }

    private static long[] consumeAndDecode(String bootstrap, TopicPartition tp) {
        EventDecoder decoder = new EventDecoder();
        long total = 0;
        long ok = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Decoded d = decoder.decode(r.value());
                    total++;
                    if (d.isOk()) {
                        ok++;
                    }
                }
            }
        }
        return new long[]{total, ok};
    }

    /** The live job's topology, its sources bounded at the topic's end, notifications discarded. */
    private Result redflag(String name, JobConfig config, KpiCatalog catalog, HeapSampler heap) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        Notifications notifications = Notifications.routedBy(RouteLoader.load(routes));
        RedflagJob.Outputs outputs = RedflagJob.define(env, config, catalog, notifications, OffsetsInitializer.latest());
        outputs.notifications().sinkTo(new DiscardingSink<>()).name("discard-notifications");
        outputs.alerts().map(new Counting<>("alerts")).sinkTo(new DiscardingSink<>()).name("count-alerts");
        outputs.kpis().kpis().map(new Counting<>("kpis")).sinkTo(new DiscardingSink<>()).name("count-kpis");
        JobExecutionResult result = env.execute(name);
        double jobSeconds = result.getNetRuntime() / 1000.0;
        double input = CapturingReporter.inputSeconds();
        double seconds = input > 0 ? input : jobSeconds;
        Integer alerts = result.getAccumulatorResult("alerts");
        Integer kpis = result.getAccumulatorResult("kpis");
        return new Result(name, events, seconds, parallelism, CapturingReporter.max("numberOfCompletedCheckpoints"),
                CapturingReporter.max("lastCheckpointFullSize"), CapturingReporter.max("lastCheckpointDuration"),
                heap.peak(), String.format(Locale.ROOT, "%,d KPI values, %,d alert transitions; checkpoints every %d ms; "
                        + "whole job %.1f s (end-of-input flush included)", kpis == null ? 0 : kpis,
                alerts == null ? 0 : alerts, checkpointInterval.toMillis(), jobSeconds));
    }

    StreamExecutionEnvironment environment(JobConfig config) {
        Configuration conf = FlinkSettings.localCluster(config, 0);
        conf.setString("metrics.reporter.bench.factory.class", CapturingReporter.Factory.class.getName());
        conf.setString("metrics.reporter.bench.interval", "1 s");
        return FlinkSettings.apply(StreamExecutionEnvironment.createLocalEnvironment(conf), config);
    }

    JobConfig config(String bootstrap, Path work, String backend) throws IOException {
        Path checkpoints = Files.createDirectories(work.resolve("checkpoints-" + backend + "-" + System.nanoTime()));
        return JobConfigLoader.parse("""
                kafka:
                  bootstrap-servers: %s
                  group-id: redflag-bench-%s
                  start-from: earliest
                  topics: {events: [%s], dead-letters: bench.dead-letters, kpis: bench.kpis,
                           rules: bench.rules, alerts: bench.alerts}
                event-time:
                  max-out-of-orderness: 30s
                  idleness: 10s
                  allowed-lateness: 1m
                state:
                  backend: %s
                  checkpoint-dir: %s
                  checkpoint-interval: %dms
                parallelism: %d
                metrics:
                  port: 0
                """.formatted(bootstrap, backend + System.nanoTime(), EVENTS_TOPIC, backend, checkpoints.toUri(),
                checkpointInterval.toMillis(), parallelism), "bench", Map.of());
    }
}
