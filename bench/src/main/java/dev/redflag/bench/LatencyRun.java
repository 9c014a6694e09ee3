package dev.redflag.bench;

import dev.redflag.config.JobConfig;
import dev.redflag.demo.EmbeddedKafka;
import dev.redflag.demo.Incident;
import dev.redflag.demo.Incidents;
import dev.redflag.demo.Pacer;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.demo.TrafficModel;
import dev.redflag.event.Decoded;
import dev.redflag.event.EventDecoder;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.pipeline.Notifications;
import dev.redflag.pipeline.RedflagJob;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Alert latency on the processing-time path: the live job, unbounded, fed in real time by a
 * producer that plays the demo's traffic and scripted incidents with compressed simulated time (as
 * {@code redflag demo --speed}), so the incidents fire alerts while the job runs. The producer picks
 * each record's partition and notes when each partition's largest event time was acknowledged
 * ({@link PartitionProgress}); sinks note when each firing alert leaves the rule evaluation and when
 * its notification leaves the dispatcher ({@link WallClockSink}). {@link AlertLatency} joins the two.
 */
final class LatencyRun {

    /**
     * Every alert its own group, sent as soon as it fires: Alertmanager-style group waits delay
     * notifications by design and are not the latency measured here. An alert that resolves and
     * fires again is told at its group's next interval, also by design; those re-fires are counted
     * apart, and the short interval lets the run see them told.
     */
    static final String ROUTES = """
            route:
              receiver: bench
              group_by: ['...']
              group_wait: 0s
              group_interval: 5s
              repeat_interval: 24h
            receivers:
              - name: bench
            """;

    /** The simulated span played: the whole incident script and half an hour more. */
    static final Duration SIMULATED = Incidents.SCRIPT_LENGTH.plusMinutes(30);

    private final EmbeddedKafka kafka;
    private final Path work;
    private final String rulesTopic;
    private final int parallelism;
    private final Duration checkpointInterval;
    private final int tenants;
    private final long seed;
    private final Duration wall;

    LatencyRun(EmbeddedKafka kafka, Path work, String rulesTopic, int parallelism, Duration checkpointInterval,
               int tenants, long seed, Duration wall) {
        this.kafka = kafka;
        this.work = work;
        this.rulesTopic = rulesTopic;
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.tenants = tenants;
        this.seed = seed;
        this.wall = wall;
    }

    /** What the run measured: its markdown section, and the latencies at the two places measured. */
    record Outcome(String section, AlertLatency.Latencies rule, AlertLatency.Latencies notification) {
    }

    Outcome run(KpiCatalog catalog) throws Exception {
        String topic = "bench.latency";
        kafka.createTopics(parallelism, List.of(topic));
        Path routes = Files.writeString(work.resolve("latency-routes.yaml"), ROUTES);
        JobConfig config = BenchConfig.of(kafka.bootstrapServers(), work, "hashmap", topic, rulesTopic, parallelism,
                checkpointInterval);
        CapturingReporter.reset(Long.MAX_VALUE);
        StreamExecutionEnvironment env = RedflagRun.environment(config);
        RedflagJob.Outputs outputs = RedflagJob.define(env, config, catalog,
                Notifications.routedBy(RouteLoader.load(routes)));
        WallClockSink.open("transitions");
        WallClockSink.open("notifications");
        outputs.alerts().sinkTo(WallClockSink.transitions("transitions")).name("latency-transitions");
        // parallelism 1 like the dispatcher, so the sink chains to it and notes the time it hands a notification on
        outputs.notifications().sinkTo(WallClockSink.notifications("notifications")).setParallelism(1)
                .name("latency-notifications");
        long bufferTimeout = env.getBufferTimeout();
        long watermarkInterval = env.getConfig().getAutoWatermarkInterval();
        JobClient job = env.executeAsync("redflag latency");
        PartitionProgress progress = new PartitionProgress(parallelism);
        long sent;
        double speed = SIMULATED.toMillis() / (double) wall.toMillis();
        try (HeapSampler sampler = new HeapSampler().start()) {
            awaitSources();
            sent = feed(topic, progress, speed);
            awaitQuiet();
        } finally {
            job.cancel().get();
        }
        List<WallClockSink.Stamp> transitions = WallClockSink.read("transitions");
        List<WallClockSink.Stamp> notifications = WallClockSink.read("notifications");
        long ooo = BenchConfig.OUT_OF_ORDERNESS.toMillis();
        Set<String> refires = refires(transitions);
        AlertLatency.Latencies rule = AlertLatency.of(firstOfEach(transitions, refires), progress, ooo);
        AlertLatency.Latencies out = AlertLatency.of(firstOfEach(notifications, refires), progress, ooo);
        Set<String> told = new HashSet<>();
        notifications.forEach(n -> told.add(period(n)));
        long refiresTold = refires.stream().filter(told::contains).count();
        StringBuilder b = new StringBuilder();
        b.append("| measured at | firing alerts | p50 | p99 | max | not due (left out) |\n")
                .append("|---|---:|---:|---:|---:|---:|\n")
                .append(row("rule transition (alerts stream)", rule))
                .append(row("notification out (stand-in for Slack, after the dispatcher)", out));
        b.append(String.format(Locale.ROOT, "%n- latency run: %d tenants with the scripted incidents each, %.1f h of "
                        + "simulated time at %.0fx in %d s, %,d events over %d partitions, live job (unbounded) on heap "
                        + "state at parallelism %d, checkpoints every %d ms; routes with group_wait 0s and every "
                        + "alert its own group; Flink buffer timeout %d ms, auto-watermark interval %d ms%n",
                tenants, SIMULATED.toMinutes() / 60.0, speed, wall.toSeconds(), sent, parallelism, parallelism,
                checkpointInterval.toMillis(), bufferTimeout, watermarkInterval));
        b.append(String.format(Locale.ROOT, "- re-fires (an alert firing again after it resolved, left out above): "
                + "%d, of which %d notified at their group's next interval%n", refires.size(), refiresTold));
        return new Outcome(b.toString(), rule, out);
    }

    private static String row(String what, AlertLatency.Latencies l) {
        Percentiles p = l.percentiles();
        return p.count() == 0 ? String.format(Locale.ROOT, "| %s | 0 | - | - | - | %d |%n", what, l.undue())
                : String.format(Locale.ROOT, "| %s | %,d | %,d ms | %,d ms | %,d ms | %d |%n", what, p.count(),
                p.p50(), p.p99(), p.max(), l.undue());
    }

    private static String period(WallClockSink.Stamp s) {
        return s.fingerprint() + "@" + s.at();
    }

    /** The firing periods of alerts that had fired before in the run. */
    static Set<String> refires(List<WallClockSink.Stamp> transitions) {
        Map<String, Long> firstFiring = new HashMap<>();
        Set<String> refires = new HashSet<>();
        transitions.stream().sorted(java.util.Comparator.comparingLong(WallClockSink.Stamp::at)).forEach(s -> {
            if (firstFiring.computeIfAbsent(s.fingerprint(), f -> s.at()) != s.at()) {
                refires.add(period(s));
            }
        });
        return refires;
    }

    /** The first time each firing alert (fingerprint and event time) was seen, re-fires left out. */
    private static List<AlertLatency.Seen> firstOfEach(List<WallClockSink.Stamp> stamps, Set<String> refires) {
        Set<String> seen = new HashSet<>(refires);
        List<AlertLatency.Seen> out = new ArrayList<>();
        stamps.stream().sorted(java.util.Comparator.comparingLong(WallClockSink.Stamp::wallMillis)).forEach(s -> {
            if (seen.add(period(s))) {
                out.add(new AlertLatency.Seen(s.at(), s.wallMillis()));
            }
        });
        return out;
    }

    /** Until every subtask of the events source has started, so start-up does not count as latency. */
    private void awaitSources() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (CapturingReporter.sourceSubtasks() < parallelism && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
    }

    /** Until no alert has reached a sink for 5 s (at most 30 s), so the last windows are counted. */
    private static void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = WallClockSink.read("transitions").size() + WallClockSink.read("notifications").size();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(5).toNanos()) {
                return;
            }
            Thread.sleep(250);
        }
    }

    /** Plays the script at {@code speed}; returns the records sent. */
    private long feed(String topic, PartitionProgress progress, double speed) throws InterruptedException {
        Instant now = Instant.now();
        Instant start = Pacer.startBehind(now, SIMULATED.plusMinutes(30));
        Instant end = start.plus(SIMULATED);
        Pacer pacer = new Pacer(speed, start, now);
        List<String> names = Preload.tenants(tenants);
        List<Incident> incidents = new ArrayList<>();
        for (String tenant : names) {
            for (Incident i : Incidents.scripted()) {
                incidents.add(new Incident(i.kind(), tenant, i.target(), i.start(), i.duration(), i.magnitude()));
            }
        }
        TrafficGenerator generator = new TrafficGenerator(TrafficModel.defaults().withTenants(names), incidents, seed,
                start);
        EventDecoder decoder = new EventDecoder();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            while (generator.simulatedNow().isBefore(end)) {
                Duration wait = pacer.delayBeforeMinute(generator.simulatedNow(), Instant.now());
                if (!wait.isZero()) {
                    Thread.sleep(wait.toMillis());
                }
                for (String record : generator.nextMinute()) {
                    byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
                    Decoded d = decoder.decode(bytes);
                    // broken records carry no event time and do not move the watermark
                    long ts = d.isOk() ? d.event().ts() : Long.MIN_VALUE;
                    int p = (int) (sent++ % parallelism);
                    producer.send(new ProducerRecord<>(topic, p, null, bytes), (meta, error) -> {
                        if (error == null && ts != Long.MIN_VALUE) {
                            progress.acknowledged(p, ts, System.currentTimeMillis());
                        }
                    });
                }
            }
            producer.flush();
        }
        return sent;
    }
}
