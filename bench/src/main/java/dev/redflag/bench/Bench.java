package dev.redflag.bench;

import dev.redflag.cli.LibraryLogs;
import dev.redflag.config.JobConfig;
import dev.redflag.demo.EmbeddedKafka;
import dev.redflag.event.Decoded;
import dev.redflag.event.EventDecoder;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.RulesPublisher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * in-JVM Kafka broker with generated traffic, then measures on it, in alternating passes
 * ({@link Passes}), the raw ceiling (consume and decode), Flink's source alone ({@link SourceFloor}),
 * a Flink SQL baseline of the same windowed
 * KPIs ({@link SqlKpis}), and redflag's live job on heap state (with its default slices and
 * multi-resolution windows, and with each of them off) and on RocksDB; then the alert latency ({@link LatencyRun}), the key curve
 * ({@link KeyCurve}) and the rules curve ({@link RuleCurve}) on topics of their own.
 * {@code ... jmh [JMH options]} runs the microbenchmarks.
 */
public final class Bench {

    static final String EVENTS_TOPIC = "bench.events";
    /** Records per poll for every consumer of the events topic: the ceiling's and the jobs' alike. */
    static final int MAX_POLL_RECORDS = 2000;
    static final String RULE_CURVE_TOPIC = "bench.events.rules";

    long events = 2_000_000;
    int tenants = 20;
    int parallelism = 2;
    long seed = 42;
    Duration checkpointInterval = Duration.ofSeconds(5);
    Path rules = Path.of("alerts-config/rules");
    Path routes = Path.of("alerts-config/routes.yaml");
    Path out = Path.of("bench/target/bench-results.md");
    static final String FIXED_RULES_TOPIC = "bench.rules.fixed";
    static final String NOSLICE_RULES_TOPIC = "bench.rules.noslices";
    /** The runs compared in alternating passes, in the order of a round, and what their rows are called. */
    static final Map<String, String> COMPARED = compared();

    /** What {@code --help} prints; docs/performance.md describes every option in it (BenchOptionsDocumentedTest). */
    static final String USAGE = """
            usage: java -jar redflag-bench.jar [--events N] [--tenants N] [--parallelism P]
                   [--runs ceiling,source,sql,heap,heap-noslices,heap-fixed,heap-p1,rocksdb,latency,keys,rules]
                   [--passes 3] [--warmup-rounds 2] [--jvm-per-pass true] [--checkpoint-interval MS] [--seed S]
                   [--rules DIR] [--routes FILE] [--out FILE]
                   [--key-points 1000,10000,100000,1000000] [--key-events N] [--key-warmups 2] [--child-heap 1g]
                   [--key-backend rocksdb] [--key-rocksdb-memory 512m]
                   [--child-java-options "OPTIONS"]
                   [--rule-points 10,100,1000,10000] [--rule-events N]
                   [--latency-seconds S] [--latency-tenants N] [--log-file FILE]
                   java -jar redflag-bench.jar jmh [JMH options]""";

    Set<String> runs = new LinkedHashSet<>(List.of("ceiling", "source", "sql", "heap", "heap-noslices", "heap-fixed", "heap-p1",
            "rocksdb", "latency", "keys", "rules"));
    int passes = 3;
    /**
     * Passes of its kind a pass's JVM runs before the measured one (or, without a JVM per pass, rounds
     * before the measured ones), not counted: the heap job's passes still sped up by a quarter from
     * the first measured round to the third after a single warm-up round (JIT).
     */
    int warmupRounds = 2;
    /**
     * Each measured pass in a JVM of its own, after {@code warmupRounds} passes of its kind there
     * ({@link PassJvm}); false: every pass in this JVM, after {@code warmupRounds} rounds of all kinds.
     */
    boolean jvmPerPass = true;
    List<Long> keyPoints = List.of(1_000L, 10_000L, 100_000L, 1_000_000L);
    /** Events of every key point, so every point runs as long and warms the JIT alike (see KeyCurve). */
    long keyEvents = 1_000_000;
    /**
     * Runs of a key point its JVM makes before the measured one, as the compared runs' passes have
     * {@code warmupRounds}: cold, the 1M point read 26,318 events/s, after two runs in its JVM 47,351.
     */
    int keyWarmups = 2;
    String childHeap = "1g";
    /**
     * The key points' state backend: RocksDB, which the targets are about, or {@code hashmap} to see
     * how much of the curve's fall is RocksDB's and how much the work per series.
     */
    String keyBackend = "rocksdb";
    /** {@code state.rocksdb-memory} of the key points' mini clusters; null for the job's default. */
    String keyRocksDbMemory;
    /** Further JVM options of the key points' child JVMs, e.g. a flight recording; none by default. */
    List<String> childOptions = List.of();
    List<Long> rulePoints = List.of(10L, 100L, 1_000L, 10_000L);
    long ruleEvents = 100_000;
    Duration latencyWall = Duration.ofSeconds(60);
    int latencyTenants = 8;
    Path logFile;
    /** Where the results go: the standard output as it was before the library logs took it over. */
    private PrintStream console = System.out;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            Microbenchmarks.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("decode-cpu")) {
            dev.redflag.bench.jmh.DecodeCpuTime.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Bench bench = new Bench();
        bench.parse(args);
        Path logs = bench.logFile != null ? bench.logFile : LibraryLogs.defaultFile("bench", Instant.now());
        try (LibraryLogs library = LibraryLogs.open(logs)) {
            bench.console = library.console();
            bench.console.println("logs  " + library.file() + "  (Kafka's, Flink's and redflag's logs)");
            bench.logFile = library.file();
            bench.run();
        }
        System.exit(0);
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--events" -> events = count(v);
                case "--tenants" -> tenants = Integer.parseInt(v);
                case "--parallelism" -> parallelism = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--checkpoint-interval" -> checkpointInterval = Duration.ofMillis(Long.parseLong(v));
                case "--rules" -> rules = Path.of(v);
                case "--routes" -> routes = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--runs" -> runs = runs(v);
                case "--passes" -> passes = Integer.parseInt(v);
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(v);
                case "--jvm-per-pass" -> jvmPerPass = bool(v);
                case "--key-points" -> keyPoints = counts(v);
                case "--key-events" -> keyEvents = count(v);
                case "--key-warmups" -> keyWarmups = Integer.parseInt(v);
                case "--child-heap" -> childHeap = v;
                case "--key-backend" -> keyBackend = keyBackend(v);
                case "--key-rocksdb-memory" -> keyRocksDbMemory = v;
                case "--child-java-options" -> childOptions = List.of(v.trim().split("\\s+"));
                case "--rule-points" -> rulePoints = counts(v);
                case "--rule-events" -> ruleEvents = count(v);
                case "--latency-seconds" -> latencyWall = Duration.ofSeconds(Long.parseLong(v));
                case "--latency-tenants" -> latencyTenants = Integer.parseInt(v);
                case "--log-file" -> logFile = Path.of(v);
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            }
            i++;
        }
    }

    private static Map<String, String> compared() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ceiling", "ceiling: Kafka consume + decode, no Flink");
        m.put("source", SourceFloor.NAME);
        m.put("sql", SqlBaseline.NAME);
        m.put("heap", "redflag, heap state");
        m.put("heap-noslices", "redflag, heap state, slices off");
        m.put("heap-fixed", "redflag, heap state, rules on fixed 1h windows");
        m.put("heap-p1", "redflag, heap state, parallelism 1");
        m.put("rocksdb", "redflag, RocksDB state");
        return Collections.unmodifiableMap(m);
    }

    private static Set<String> runs(String v) {
        Set<String> chosen = new LinkedHashSet<>(List.of(v.split(",")));
        for (String run : chosen) {
            if (!COMPARED.containsKey(run) && !List.of("latency", "keys", "rules").contains(run)) {
                throw new IllegalArgumentException("unknown run " + run + " (--help lists them)");
            }
        }
        return chosen;
    }

    private static String keyBackend(String v) {
        if (!v.equals("rocksdb") && !v.equals("hashmap")) {
            throw new IllegalArgumentException("--key-backend takes rocksdb or hashmap, got " + v);
        }
        return v;
    }

    private static boolean bool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("--jvm-per-pass takes true or false, got " + v);
        }
        return Boolean.parseBoolean(v);
    }

    private static long count(String v) {
        return Long.parseLong(v.replace("_", ""));
    }

    private static List<Long> counts(String v) {
        return Arrays.stream(v.split(",")).map(Bench::count).toList();
    }

    private boolean mainTopicNeeded() {
        return runs.stream().anyMatch(COMPARED::containsKey);
    }

    private void run() throws Exception {
        long benchStart = System.nanoTime();
        Path work = Files.createTempDirectory("redflag-bench");
        List<Result> results = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        StringBuilder sections = new StringBuilder();
        Targets targets = new Targets();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
            JobConfig base = config(kafka.bootstrapServers(), work, "hashmap", parallelism);
            kafka.createTopics(parallelism, List.of(EVENTS_TOPIC, base.kafka().deadLetterTopic(),
                    base.kafka().kpiTopic(), base.kafka().alertsTopic()));
            kafka.createCompactedTopic(base.kafka().rulesTopic());
            KpiCatalog catalog = catalog(rules, base.kpis().windows());

            if (mainTopicNeeded()) {
                long loadStart = System.nanoTime();
                Instant firstEvent = Preload.traffic(kafka.bootstrapServers(), EVENTS_TOPIC, events, tenants, seed);
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                String load = String.format(Locale.ROOT,
                        "pre-loaded %,d events (%d tenants, simulated from %s) in %.1f s: %,.0f events/s",
                        events, tenants, firstEvent, loadSeconds, events / loadSeconds);
                console.println(load);
                notes.append("- ").append(load).append('\n');
            }

            RuleSet set = RuleLoader.parseAll(RuleBundle.read(rules).files(), catalog);
            try (RulesPublisher publisher = new RulesPublisher(kafka.bootstrapServers(),
                    base.kafka().rulesTopic(), Map.of())) {
                publisher.publish(RuleBundle.read(rules));
            }
            notes.append("- rule pack: ").append(set.rules().size()).append(" rules from ").append(rules)
                    .append('\n');
            if (runs.contains("heap-noslices")) {
                publishVariant(kafka, NOSLICE_RULES_TOPIC, FeatureVariants.withoutSliceConditions(RuleBundle.read(rules)),
                        FeatureVariants.withoutSlices(catalog), set);
            }
            if (runs.contains("heap-fixed")) {
                publishVariant(kafka, FIXED_RULES_TOPIC, FeatureVariants.fixedWindows(RuleBundle.read(rules), "1h"),
                        catalog, set);
            }
            List<String> compared = runs.stream().filter(COMPARED::containsKey).toList();
            Passes measured = null;
            if (!compared.isEmpty()) {
                measured = alternate(compared, kafka.bootstrapServers(), work, base, catalog);
                targets.ratios(measured);
                for (String kind : compared) {
                    results.add(measured.median(kind));
                }
            }

            for (String run : runs) {
                switch (run) {
                    case "latency" -> {
                        LatencyRun.Outcome latency = new LatencyRun(kafka, work, base.kafka().rulesTopic(), parallelism,
                                checkpointInterval, latencyTenants, seed, latencyWall).run(catalog);
                        console.println(latency.section());
                        sections.append("\n## Alert latency\n\n").append(latency.section());
                        targets.latency(latency.rule(), latency.notification());
                    }
                    case "keys" -> sections.append(keyCurve(kafka, work, base.kafka().rulesTopic(), targets));
                    case "rules" -> sections.append(ruleCurve(kafka, work, catalog));
                    default -> {
                        // measured above, in alternating passes
                    }
                }
            }
            if (measured != null) {
                sections.insert(0, PassesReport.of(measured, passes));
            }
        }
        notes.append(String.format(Locale.ROOT, "- whole benchmark: %.1f s%n", (System.nanoTime() - benchStart) / 1e9));
        String report = report(results, notes.toString()) + targets.markdown() + sections;
        console.println();
        console.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        console.println("written to " + out);
    }

    /**
     * The compared runs in rounds of one pass of every kind in the same order, so that a slow stretch
     * of a shared machine falls on all kinds rather than on one. Each pass in a JVM of its own after
     * {@code warmupRounds} passes of its kind there ({@link PassJvm}); or, with
     * {@code --jvm-per-pass false}, every pass in this JVM after {@code warmupRounds} rounds of all kinds
     * (the first passes of a kind in a JVM pay for compiling its code, which would make whichever
     * kind comes first look slow).
     */
    private Passes alternate(List<String> compared, String bootstrap, Path work, JobConfig base, KpiCatalog catalog)
            throws Exception {
        Passes measured = new Passes();
        PassJvm jvm = new PassJvm(passOptions(), bootstrap, work, logFile);
        for (int round = jvmPerPass ? 1 : 1 - warmupRounds; round <= passes; round++) {
            for (String kind : compared) {
                String label = round <= 0 ? "warm-up " + (round + warmupRounds) + "/" + warmupRounds
                        : "pass " + round + "/" + passes;
                RedflagRun.Pass pass;
                if (jvmPerPass) {
                    int[] warmUps = {0};
                    pass = jvm.run(kind, w -> printPass("  warm-up " + ++warmUps[0] + "/" + warmupRounds, kind, w));
                } else {
                    pass = measureOnce(kind, bootstrap, work, base, catalog);
                }
                printPass(label, kind, pass);
                if (round > 0) {
                    measured.add(kind, pass.result(), pass.series());
                }
            }
        }
        return measured;
    }

    private void printPass(String label, String kind, RedflagRun.Pass pass) {
        console.println(String.format(Locale.ROOT, "%-10s %-14s %,12.0f events/s  %s", label, kind,
                pass.result().perSecond(), pass.result().note()));
    }

    /** The options a pass's own JVM needs to build the same job as this one. */
    private List<String> passOptions() {
        return List.of("--events", Long.toString(events), "--tenants", Integer.toString(tenants),
                "--parallelism", Integer.toString(parallelism), "--seed", Long.toString(seed),
                "--checkpoint-interval", Long.toString(checkpointInterval.toMillis()),
                "--rules", rules.toAbsolutePath().toString(), "--routes", routes.toAbsolutePath().toString(),
                "--warmup-rounds", Integer.toString(warmupRounds));
    }

    RedflagRun.Pass measureOnce(String run, String bootstrap, Path work, JobConfig base, KpiCatalog catalog)
            throws Exception {
        CapturingReporter.reset(events);
        HeapSampler.afterGc();
        String name = COMPARED.get(run);
        try (HeapSampler heap = new HeapSampler().start()) {
            return switch (run) {
                case "ceiling" -> new RedflagRun.Pass(ceilingOnce(bootstrap, heap), -1);
                case "source" -> new RedflagRun.Pass(SourceFloor.run(RedflagRun.environment(base), bootstrap,
                        EVENTS_TOPIC, events, parallelism, heap), -1);
                case "sql" -> new RedflagRun.Pass(SqlBaseline.run(RedflagRun.environment(base), bootstrap, EVENTS_TOPIC,
                        events, parallelism, heap), -1);
                case "heap" -> RedflagRun.run(name, config(bootstrap, work, "hashmap", parallelism),
                        catalog, routes, events, heap).pass();
                case "heap-noslices" -> RedflagRun.run(name, BenchConfig.of(bootstrap, work, "hashmap", EVENTS_TOPIC,
                        NOSLICE_RULES_TOPIC, parallelism, checkpointInterval), FeatureVariants.withoutSlices(catalog),
                        routes, events, heap).pass();
                case "heap-fixed" -> RedflagRun.run(name, BenchConfig.of(bootstrap, work, "hashmap", EVENTS_TOPIC,
                        FIXED_RULES_TOPIC, parallelism, checkpointInterval), catalog, routes, events, heap).pass();
                case "heap-p1" -> RedflagRun.run(name, config(bootstrap, work, "hashmap", 1), catalog, routes, events,
                        heap).pass();
                case "rocksdb" -> RedflagRun.run(name, config(bootstrap, work, "rocksdb", parallelism), catalog,
                        routes, events, heap).pass();
                default -> throw new IllegalArgumentException("unknown run " + run);
            };
        }
    }

    private String keyCurve(EmbeddedKafka kafka, Path work, String rulesTopic, Targets targets) throws Exception {
        KeyCurve curve = new KeyCurve(kafka, work, rulesTopic, rules, routes, parallelism, checkpointInterval, keyEvents,
                keyWarmups, childHeap, keyBackend, keyRocksDbMemory, childOptions, console, logFile);
        String state = keyBackend.equals("rocksdb") ? "RocksDB" : "heap state";
        StringBuilder b = new StringBuilder("\n## Keys (").append(state).append(", each point in its own JVM with -Xmx")
                .append(childHeap).append(keyRocksDbMemory == null ? "" : ", state.rocksdb-memory " + keyRocksDbMemory)
                .append(")\n\n").append(KeyCurve.Point.header()).append('\n');
        KeyCurve.Point largest = null;
        List<KeyCurve.Point> points = new ArrayList<>();
        for (long keys : keyPoints) {
            KeyCurve.Point p = curve.run(keys);
            console.println(p.row());
            b.append(p.row()).append('\n');
            points.add(p);
            largest = p;
        }
        targets.keys(keyBackend, points);
        b.append(String.format(Locale.ROOT, "%n- each point: max(keys, %,d) session events of one tenant, round-robin "
                + "over `keys` pages (bounce_rate is kept per tenant and page), over %d minutes of event time across "
                + "an hour boundary, the live job unbounded at parallelism %d, measured after %d run%s of the same "
                + "point in its JVM; once all input is read, the first "
                + "checkpoint triggered after it is measured (state bytes per key = its full size / keys), then a "
                + "full GC (live heap), then the job is cancelled%n", keyEvents, KeyCurve.SPAN.toMinutes(),
                parallelism, keyWarmups, keyWarmups == 1 ? "" : "s"));
        if (largest != null) {
            boolean pass = largest.failure() == null && largest.liveHeap() >= 0 && largest.liveHeap() < (1L << 30);
            b.append(String.format(Locale.ROOT, "- %,d keys in %s with the JVM heap under 1 GiB: %s (child JVM "
                            + "-Xmx%s, max heap %s; peak heap used %s; live heap after a full GC with every key in state %s)%n",
                    largest.keys(), state, pass ? "PASS" : "FAIL", childHeap,
                    largest.maxHeap() < 0 ? "-" : Result.mib(largest.maxHeap()),
                    largest.result() == null ? "-" : Result.mib(largest.result().peakHeap()),
                    largest.liveHeap() < 0 ? "-" : Result.mib(largest.liveHeap())));
        }
        return b.toString();
    }

    private String ruleCurve(EmbeddedKafka kafka, Path work, KpiCatalog catalog) throws Exception {
        RuleCurve curve = new RuleCurve(kafka.bootstrapServers(), work, RULE_CURVE_TOPIC, ruleEvents, routes,
                parallelism, checkpointInterval, catalog, tenants, seed);
        StringBuilder b = new StringBuilder("\n## Rules (heap state)\n\n").append(RuleCurve.Point.header())
                .append('\n');
        RuleCurve.Point largest = null;
        for (long rules : rulePoints) {
            RuleCurve.Point p = curve.run((int) rules);
            console.println(p.row());
            b.append(p.row()).append('\n');
            largest = p;
        }
        b.append(String.format(Locale.ROOT, "%n- each point: %,d events of the demo's generator (%d tenants), "
                + "generated rules (RuleGenerator) checked by RuleLoader.parseAll, published as one record to a "
                + "rules topic of their own, parallelism %d%n", ruleEvents, tenants, parallelism));
        b.append("- the events are sent once the job's rule gate reports the rule set in force (the rule evaluation "
                + "skips values that come before its first rule set); whole job = first event sent to the job's end\n");
        if (largest != null) {
            b.append(String.format(Locale.ROOT, "- a rule set is one Kafka record: %,d rules took %,d bytes (%.0f "
                            + "bytes per rule); Kafka's default limit of 1 MiB holds about %,d such rules%n",
                    largest.rules(), largest.bundleBytes(), (double) largest.bundleBytes() / largest.rules(),
                    (long) (RuleCurve.KAFKA_DEFAULT_MAX_BYTES / ((double) largest.bundleBytes() / largest.rules()))));
        }
        return b.toString();
    }
    private String report(List<Result> results, String notes) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "redflag benchmark: %,d events, %d tenants, parallelism %d, %d cores, "
                        + "Java %s, max heap %s, load average at the end %.2f%n%n", events, tenants, parallelism,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Result.mib(Runtime.getRuntime().maxMemory()),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        if (!results.isEmpty()) {
            b.append(jvmPerPass
                    ? String.format(Locale.ROOT, "Each compared run: the median of %d passes in alternating rounds, "
                            + "each pass in a JVM of its own after %d warm-up pass%s of its kind there; every pass "
                            + "and the ratios round by round are below.%n%n", passes, warmupRounds,
                            warmupRounds == 1 ? "" : "es")
                    : String.format(Locale.ROOT, "Each compared run: the median of %d passes in alternating rounds "
                            + "after %d warm-up round%s; every pass and the ratios round by round are below.%n%n",
                            passes, warmupRounds, warmupRounds == 1 ? "" : "s"));
            b.append(Result.header()).append('\n');
            results.forEach(r -> b.append(r.row()).append('\n'));
        }
        b.append('\n').append(notes);
        return b.toString();
    }

    /** The ceiling: one consumer thread per partition reads it all and decodes every record. */
    private Result ceilingOnce(String bootstrap, HeapSampler heap) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        long start = System.nanoTime();
        long cpuStart = ProcessCpu.nanos();
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
        double cpuSeconds = (ProcessCpu.nanos() - cpuStart) / 1e9;
        pool.shutdown();
        return new Result("ceiling: Kafka consume + decode, no Flink", total, seconds, parallelism, -1, -1, -1,
                heap.peak(), String.format(Locale.ROOT, "%d consumer threads, %,d decoded as events", parallelism, ok),
                cpuSeconds);
    }

    private static long[] consumeAndDecode(String bootstrap, TopicPartition tp) {
        EventDecoder decoder = new EventDecoder();
        long total = 0;
        long ok = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
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

    /** The KPIs the rules are written against: the shipped pack's own (such as {@code sessions}) included. */
    public static KpiCatalog catalog(Path rules, List<WindowSpec> windows) {
        return KpiDefinitions.besideRules(rules).map(file -> KpiDefinitions.load(file, windows))
                .orElseGet(() -> KpiCatalog.builtins(windows));
    }

    /**
     * Publishes a variant's rule set to a rules topic of its own, once the job's own loader has
     * read it against the variant's catalog with as many rules as the shipped pack: a variant whose
     * rules the job refused would run with none and measure something else.
     */
    private static void publishVariant(EmbeddedKafka kafka, String topic, RuleBundle variant, KpiCatalog catalog,
                                       RuleSet shipped) throws Exception {
        int read = RuleLoader.parseAll(variant.files(), catalog).rules().size();
        if (read != shipped.rules().size()) {
            throw new IllegalStateException("the " + topic + " variant has " + read + " rules, the pack "
                    + shipped.rules().size());
        }
        kafka.createCompactedTopic(topic);
        try (RulesPublisher publisher = new RulesPublisher(kafka.bootstrapServers(), topic, Map.of())) {
            publisher.publish(variant);
        }
    }

    JobConfig config(String bootstrap, Path work, String backend, int p) throws IOException {
        return BenchConfig.of(bootstrap, work, backend, EVENTS_TOPIC, "bench.rules", p, checkpointInterval);
    }
}
