package dev.redflag.bench;

import dev.redflag.demo.EmbeddedKafka;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The key curve: for each key count, a topic of sessions spread over that many pages
 * ({@link SpreadSessions}), read by the live job on RocksDB (or on heap state, to compare) in a child
 * JVM with a small heap ({@link KeyPoint}). The largest point doubles as the check that a million
 * keys fit under 1 GiB.
 *
 * <p>Every point reads the same number of events ({@code --key-events}, by default as many as the
 * largest point has keys), so the points differ in their keys alone: a point that read fewer events
 * would spend a larger share of its time with the JIT still compiling, which made the old 1k-key
 * point (100,000 events) look slower than it is. For the same reason each child JVM runs its point
 * {@code --key-warmups} times before the measured run.
 */
final class KeyCurve {

    /**
     * The events of a point fall within this much event time, from a quarter before an hour to a
     * quarter after it: the first half of the keys' windows close while the input is read, so their
     * series move on to the rule evaluation's state, and the second half's are still open at the end.
     */
    static final Duration SPAN = Duration.ofMinutes(30);

    /**
     * @param failure why the child JVM gave no result (e.g. it ran out of heap), null when it did
     */
    record Point(long keys, Result result, long liveHeap, long maxHeap, double seconds, String failure) {

        static String header() {
            return "| keys | events | seconds reading input | events/s | events/s per core | checkpoints "
                    + "| max checkpoint size | state bytes per key | max checkpoint duration | peak heap used "
                    + "| live heap after full GC | point wall time |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
        }

        String row() {
            if (failure != null) {
                return String.format(Locale.ROOT, "| %,d | FAILED: %s | - | - | - | - | - | - | - | - | - | %.1f s |",
                        keys, failure, seconds);
            }
            Result r = result;
            return String.format(Locale.ROOT, "| %,d | %,d | %.1f | %,.0f | %,.0f | %d | %s | %s | %s | %s | %s | %.1f s |",
                    keys, r.events(), r.seconds(), r.perSecond(), r.perSecond() / r.cores(), r.checkpoints(),
                    r.checkpointSize() < 0 ? "-" : Result.mib(r.checkpointSize()),
                    r.checkpointSize() < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", (double) r.checkpointSize() / keys),
                    r.checkpointMs() < 0 ? "-" : r.checkpointMs() + " ms", Result.mib(r.peakHeap()),
                    liveHeap < 0 ? "-" : Result.mib(liveHeap), seconds);
        }
    }

    private final EmbeddedKafka kafka;
    private final Path work;
    private final String rulesTopic;
    private final Path routes;
    private final Path rules;
    private final int parallelism;
    private final Duration checkpointInterval;
    private final long minEvents;
    private final int warmups;
    private final String childHeap;
    /** The points' state backend, {@code rocksdb} or {@code hashmap}. */
    private final String backend;
    /** {@code state.rocksdb-memory} of the points' mini clusters; null for the job's default. */
    private final String rocksDbMemory;
    private final List<String> childOptions;
    private final PrintStream console;
    private final Path logFile;

    KeyCurve(EmbeddedKafka kafka, Path work, String rulesTopic, Path rules, Path routes, int parallelism,
             Duration checkpointInterval, long minEvents, int warmups, String childHeap, String backend,
             String rocksDbMemory, List<String> childOptions, PrintStream console, Path logFile) {
        this.kafka = kafka;
        this.work = work;
        this.rulesTopic = rulesTopic;
        this.routes = routes;
        this.rules = rules;
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.minEvents = minEvents;
        this.warmups = warmups;
        this.childHeap = childHeap;
        this.backend = backend;
        this.rocksDbMemory = rocksDbMemory;
        this.childOptions = List.copyOf(childOptions);
        this.console = console;
        this.logFile = logFile;
    }

    Point run(long keys) throws Exception {
        long events = Math.max(keys, minEvents);
        String topic = "bench.keys." + keys;
        kafka.createTopics(parallelism, List.of(topic));
        Instant start = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS)
                .minus(SPAN.dividedBy(2));
        Preload.spread(kafka.bootstrapServers(), topic, new SpreadSessions(start, SPAN.toMillis(), events,
                (int) keys));
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + childHeap, "-XX:+ExitOnOutOfMemoryError"));
        jvmOptions.addAll(childOptions);
        List<String> args = new ArrayList<>(List.of("--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                "--events", Long.toString(events), "--keys", Long.toString(keys), "--backend", backend,
                "--parallelism", Integer.toString(parallelism),
                "--checkpoint-interval", Long.toString(checkpointInterval.toMillis()), "--rules-topic", rulesTopic,
                "--routes", routes.toAbsolutePath().toString(), "--rules", rules.toAbsolutePath().toString(),
                "--work", work.toString(), "--warmups", Integer.toString(warmups)));
        if (rocksDbMemory != null) {
            args.addAll(List.of("--rocksdb-memory", rocksDbMemory));
        }
        long t0 = System.nanoTime();
        Result[] result = {null};
        long[] heap = {-1, -1};
        int exit = ChildJvm.run(jvmOptions, KeyPoint.class, args, logFile, (tag, rest) -> {
            switch (tag) {
                case "RESULT" -> result[0] = Result.fromLine(rest);
                case "LIVE-HEAP" -> heap[0] = Long.parseLong(rest);
                case "MAX-HEAP" -> heap[1] = Long.parseLong(rest);
                case "WARMUP" -> console.println(warmupLine(keys, rest));
                default -> console.println("  [key point] " + (rest.isEmpty() ? tag : tag + "\t" + rest));
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        String failure = result[0] != null && exit == 0 ? null
                : "child JVM (-Xmx" + childHeap + ") exited with " + exit + (exit == 3 ? " (out of heap)" : "");
        return new Point(keys, result[0], heap[0], heap[1], seconds, failure);
    }

    /** {@code "  warm-up 1/2  1,000 keys  240,107 events/s"} from the child's {@code WARMUP} line. */
    static String warmupLine(long keys, String rest) {
        String[] parts = rest.split("\t", 2);
        Result r = Result.fromLine(parts[1]);
        return String.format(Locale.ROOT, "  warm-up %s  %,d keys  %,.0f events/s", parts[0], keys, r.perSecond());
    }
}
