package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.local.ScalePass.Shape;
import dev.redflag.testing.Await;
import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Throughput against parallelism on the local stack's separate processes: the broker in its own
 * process (started once, with the JobManager), and for each cluster shape of {@code scale.shapes}
 * (default {@code 1x1,2x1,2x2}: TaskManagers × slots each, so 1, 2 and 4 slots) fresh TaskManagers
 * and the live job at parallelism = slots over the same pre-loaded events. The shapes alternate
 * within each of {@code scale.rounds} rounds (3), so a slow stretch of the machine falls on every
 * shape alike. Per pass: events/s while reading input ({@link InputRate}, from the events source's
 * {@code numRecordsOut} on the TaskManagers' Prometheus reporters, every 500 ms), each vertex's busy
 * time, CPU per event of every process ({@code /proc}), the first checkpoint completed after the
 * input was read (full and incremental size) and its state per slot ({@link SlotState}). Then the
 * projection to {@code scale.project} slots (8, 32, 128), from the one-slot point and the keys of
 * the generator's traffic ({@link KeyCensus}, {@link ScaleProjection}).
 *
 * <p>A benchmark, not a test of the default run (failsafe runs {@code *IT} classes only):
 * {@code deploy/local/redflag-local scale} runs it; docs/performance.md ("Scale-out on the local
 * stack") holds the figures. The report is printed and written to {@code target/scale-report.md}.
 */
@RequiresProgram({Program.CURL, Program.JQ})
class LocalStackScale {

    static final String EVENTS_TOPIC = "scale-events";
    static final int TENANTS = 20;
    static final long SEED = 7;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);
    private static final Duration PASS_TIMEOUT = Duration.ofMinutes(4);
    /** A job that has run this long without a record read is stuck, or read where this run does not look. */
    private static final Duration NO_RECORDS_AFTER = Duration.ofSeconds(60);
    private static final String SOURCE_RECORDS = "flink_taskmanager_job_task_operator_numRecordsOut";
    private static final String BUSY = "flink_taskmanager_job_task_busyTimeMsPerSecond";
    private static final String HEAP = "flink_taskmanager_Status_JVM_Memory_Heap_Used";
    /** Vertices by the first operator of their chain, as the projection names them. */
    private static final List<String> VERTICES = List.of(ScaleProjection.SOURCE, KeyCensus.WINDOWED,
            KeyCensus.FUNNEL, KeyCensus.LEDGER, "rule-evaluation");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run leaves its logs and data for a look
    Path dir;

    private final long events = Long.getLong("scale.events", 1_000_000);
    private final int rounds = Integer.getInteger("scale.rounds", 3);
    private final int partitions = Integer.getInteger("scale.partitions", 4);
    private final List<Shape> shapes = Arrays.stream(System.getProperty("scale.shapes", "1x1,2x1,2x2").split(","))
            .map(Shape::parse).toList();
    /** Cluster sizes of the projection; {@code none} for none (the projection's key census takes a while). */
    private final List<Integer> projected = Arrays.stream(System.getProperty("scale.project", "8,32,128").split(","))
            .map(String::strip).filter(s -> !s.equals("none")).map(Integer::valueOf).toList();
    private final Path repo = Path.of(System.getProperty("redflag.local.script", "redflag-local")).toAbsolutePath()
            .getParent().getParent().getParent();

    private LocalStack stack;

    @Test
    void scale() throws Exception {
        stack = new LocalStack(dir.resolve("stack"), Map.of("TM_MEMORY", "1280m"));
        Files.createDirectories(stack.directory());
        try {
            String loadAtStart = loadAverage();
            stack.run("start", "kafka", "jobmanager");
            KpiCatalog catalog = KpiDefinitions.load(repo.resolve("alerts-config/kpis.yaml"),
                    List.of(WindowSpec.tumbling(Duration.ofHours(1))));
            long loadStart = System.nanoTime();
            KeyCensus census = preload(catalog);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf(Locale.ROOT, "pre-loaded %,d events into %d partitions in %.1f s%n", events, partitions,
                    loadSeconds);
            List<ScalePass> passes = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (Shape shape : shapes) {
                    ScalePass pass = pass(shape, round);
                    passes.add(pass);
                    System.out.printf(Locale.ROOT, "round %d, %s: %,.0f events/s over %.1f s; load %s%n", round, shape,
                            pass.rate().perSecond(), pass.rate().seconds(), pass.load());
                }
            }
            String loadAtEnd = loadAverage();
            ScaleReport report = new ScaleReport(events, partitions, TENANTS, loadAtStart, loadAtEnd, passes, census,
                    projected, tenants -> censusOf(catalog, tenants));
            String text = report.markdown();
            System.out.print(text);
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("scale-report.md"), text);
            }
        } finally {
            stack.close();
        }
    }

    /** The events topic filled with the generator's records, the i-th to partition i mod P; the keys counted on the way. */
    private KeyCensus preload(KpiCatalog catalog) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(EVENTS_TOPIC, partitions, (short) 1))).all().get();
        }
        KeyCensus census = new KeyCensus(catalog);
        Instant start = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long[] sent = {0};
            DemoTraffic.generate(TENANTS, SEED, start, events, true, bytes -> {
                producer.send(new ProducerRecord<>(EVENTS_TOPIC, (int) (sent[0]++ % partitions), null, bytes));
                census.add(bytes);
            });
            producer.flush();
        }
        return census;
    }

    /** The keys of the generator's traffic of {@code tenants} tenants: a million records, no subscriber population. */
    private static KeyCensus censusOf(KpiCatalog catalog, int tenants) {
        KeyCensus census = new KeyCensus(catalog);
        DemoTraffic.generate(tenants, SEED, Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS),
                1_000_000, false, census::add);
        return census;
    }

    private ScalePass pass(Shape shape, int round) throws Exception {
        String loadBefore = loadAverage();
        List<String> taskManagers = IntStream.rangeClosed(1, shape.taskManagers()).mapToObj(i -> "taskmanager-" + i)
                .toList();
        stack.run(Map.of("TASK_SLOTS", Integer.toString(shape.slotsPerTaskManager())),
                Stream.concat(Stream.of("start"), taskManagers.stream()).toArray(String[]::new));
        try {
            String name = "scale-" + shape.slots() + "-" + round;
            stack.run("submit", "--config", jobConfig(name, shape.slots()).toString(),
                    "--rules", repo.resolve("alerts-config/rules").toString());
            String job = stack.jobId();
            List<Sample> samples = new ArrayList<>();
            long deadline = System.nanoTime() + PASS_TIMEOUT.toNanos();
            long next = System.nanoTime();
            while (true) {
                Sample s = sample(taskManagers);
                samples.add(s);
                if (s.records() >= events) {
                    break;
                }
                if (s.records() == 0 && System.nanoTime() - samples.get(0).nanos() > NO_RECORDS_AFTER.toNanos()) {
                    String text = stack.scrapeFlinkReporter(1);
                    throw new AssertionError(name + ": the events source emitted nothing in " + NO_RECORDS_AFTER
                            + " (or its numRecordsOut is not where this run looks); the first TaskManager's source metrics:\n"
                            + text.lines().filter(l -> l.startsWith(SOURCE_RECORDS)).limit(20)
                            .reduce("", (x, y) -> x + y + "\n") + stack.logs());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + " read " + s.records() + " of " + events + " events within "
                            + PASS_TIMEOUT + stack.logs());
                }
                next += SAMPLE_EVERY.toNanos();
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000)); // a fixed sampling period
            }
            long readAt = System.currentTimeMillis();
            JsonNode checkpoint = Await.until(Duration.ofSeconds(60), () -> completedAfter(job, readAt),
                    Objects::nonNull);
            if (checkpoint == null) {
                throw new AssertionError(name + ": no checkpoint completed within 60 s of reading the input"
                        + stack.logs());
            }
            SlotState slots = slotState(job, checkpoint.path("id").asLong(), shape.slots());
            stack.run("cancel");
            InputRate rate = InputRate.of(samples.stream().map(s -> new InputRate.Sample(s.nanos(), s.records()))
                    .toList(), events).orElseThrow(() -> new AssertionError(name + ": fewer than two samples while "
                    + "reading; more events (-Dscale.events) are needed"));
            List<Sample> reading = samples.stream().filter(s -> s.records() > 0 && s.records() < events).toList();
            Sample a = reading.get(0);
            Sample b = reading.get(reading.size() - 1);
            Map<String, Double> cores = new LinkedHashMap<>();
            Map<String, Double> perEvent = new LinkedHashMap<>();
            double wall = (b.nanos() - a.nanos()) / 1e9;
            a.cpuTicks().forEach((process, ticks) -> {
                Long after = b.cpuTicks().get(process);
                if (ticks >= 0 && after != null && after >= ticks) {
                    double seconds = (after - ticks) / (double) ProcessCpu.TICKS_PER_SECOND;
                    cores.put(process, seconds / wall);
                    perEvent.put(process, seconds / (b.records() - a.records()));
                }
            });
            Map<String, Double> busy = new LinkedHashMap<>();
            for (String vertex : VERTICES) {
                double[] values = reading.stream().map(s -> s.busy().get(vertex)).filter(Objects::nonNull)
                        .mapToDouble(Double::doubleValue).toArray();
                if (values.length > 0) {
                    busy.put(vertex, Spread.of(values).median());
                }
            }
            long heap = reading.stream().mapToLong(Sample::heapUsed).max().orElse(-1);
            return new ScalePass(shape, round, rate, busy, cores, perEvent, checkpoint.path("state_size").asLong(-1),
                    checkpoint.path("checkpointed_size").asLong(-1), slots, heap, loadBefore + " → " + loadAverage());
        } finally {
            cancelIfRunning();
            stack.run(Stream.concat(Stream.of("stop"), taskManagers.stream()).toArray(String[]::new));
        }
    }

    private void cancelIfRunning() {
        if (!Files.exists(stack.directory().resolve("job.id"))) {
            return;
        }
        if (stack.status(stack.jobId()).state().equals("RUNNING")) {
            stack.run("cancel");
        }
    }

    /** One look at the running job through the TaskManagers' reporters and /proc. */
    private record Sample(long nanos, long records, Map<String, Double> busy, Map<String, Long> cpuTicks,
                          long heapUsed) {
    }

    private Sample sample(List<String> taskManagers) {
        long nanos = System.nanoTime();
        long records = 0;
        long heap = 0;
        Map<String, Double> busy = new HashMap<>();
        for (int n = 1; n <= taskManagers.size(); n++) {
            String text = stack.scrapeFlinkReporter(n);
            for (PrometheusText.Series s : PrometheusText.samples(text, SOURCE_RECORDS)) {
                if (normalized(s.label("operator_name")).contains("kafkaevents")) {
                    records += (long) s.value();
                }
            }
            for (PrometheusText.Series s : PrometheusText.samples(text, BUSY)) {
                String vertex = vertexOf(s.label("task_name"));
                if (vertex != null && !Double.isNaN(s.value())) {
                    busy.merge(vertex, s.value() / 1000, Math::max);
                }
            }
            heap = Math.max(heap, PrometheusText.samples(text, HEAP).stream().mapToLong(s -> (long) s.value())
                    .max().orElse(0));
        }
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String process : Stream.concat(Stream.of("kafka", "jobmanager"), taskManagers.stream()).toList()) {
            long pid = stack.pidOf(process);
            ticks.put(process, pid < 0 ? -1 : ProcessCpu.ticks(pid));
        }
        return new Sample(nanos, records, busy, ticks, heap);
    }

    /** The vertex a task (chain) name stands for, by its first operator; null for the others. */
    static String vertexOf(String taskName) {
        String chain = normalized(taskName);
        for (String vertex : VERTICES) {
            String v = normalized(vertex);
            if (chain.startsWith(v) || chain.startsWith("source" + v)) {
                return vertex;
            }
        }
        return null;
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The first checkpoint of {@code job} triggered after {@code millis} and completed; null until there is one. */
    private JsonNode completedAfter(String job, long millis) {
        JsonNode checkpoints = stack.rest("/jobs/" + job + "/checkpoints");
        if (checkpoints == null) {
            return null;
        }
        JsonNode first = null;
        for (JsonNode c : checkpoints.path("history")) {
            if (c.path("status").asText().equals("COMPLETED") && c.path("trigger_timestamp").asLong() > millis
                    && (first == null || c.path("id").asLong() < first.path("id").asLong())) {
                first = c;
            }
        }
        return first;
    }

    private SlotState slotState(String job, long checkpoint, int slots) {
        String base = "/jobs/" + job + "/checkpoints/details/" + checkpoint;
        JsonNode details = stack.rest(base);
        List<JsonNode> vertices = new ArrayList<>();
        details.path("tasks").fieldNames().forEachRemaining(vertex -> {
            JsonNode subtasks = stack.rest(base + "/subtasks/" + vertex);
            if (subtasks != null) {
                vertices.add(subtasks);
            }
        });
        return SlotState.of(vertices, slots);
    }

    private Path jobConfig(String name, int parallelism) throws IOException {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints").resolve(name));
        return Files.writeString(dir.resolve(name + ".yaml"), """
                kafka:
                  bootstrap-servers: %s
                  group-id: %s
                  start-from: earliest
                  properties: {max.poll.records: "2000"}
                  topics: {events: [%s], dead-letters: %s-dlq, kpis: %s-kpis, rules: %s-rules, alerts: %s-alerts}
                event-time:
                  max-out-of-orderness: 30s
                  idleness: 10s
                  allowed-lateness: 1m
                kpis:
                  definitions: %s
                state:
                  backend: rocksdb
                  checkpoint-dir: %s
                  checkpoint-interval: %ds
                  incremental: true
                metrics:
                  port: %s
                notify:
                  routes: %s
                parallelism: %d
                """.formatted(stack.bootstrapServers(), name, EVENTS_TOPIC, name, name, name, name,
                repo.resolve("alerts-config/kpis.yaml"), checkpoints.toUri(), CHECKPOINT_INTERVAL.toSeconds(),
                stack.metricsPorts(), repo.resolve("alerts-config/routes.yaml"), parallelism));
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
