package dev.redflag.bench;

import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.pipeline.Notifications;
import dev.redflag.pipeline.RedflagJob;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One point of the key curve, in a JVM of its own that the benchmark starts with a small heap
 * ({@code -Xmx1g}): the live job on RocksDB, unbounded as in production, over a topic the
 * benchmark pre-loaded with sessions spread over that many keys. Its own JVM, so the heap measured
 * is the job's alone (the broker stays in the benchmark's JVM) and the limit is a real one.
 *
 * <p>Once all input is read it waits for a checkpoint taken after that, which therefore holds every
 * key, then forces a full collection and notes the live heap, and cancels the job. A bounded source
 * would instead end with the watermark at its maximum and flush every window at once, which a live
 * job never does (see "Quiet keys keep reporting" in docs/events-and-kpis.md).
 *
 * <p>With {@code --warmups N} it runs the point N times first, each a job of its own from the start
 * of the topic, and measures the next.
 *
 * <p>Prints tab-separated lines the benchmark parses: {@code WARMUP} (its number and its result),
 * {@code RESULT}, {@code LIVE-HEAP} and {@code MAX-HEAP} (bytes).
 */
public final class KeyPoint {

    private KeyPoint() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        long events = Long.parseLong(o.get("--events"));
        long keys = Long.parseLong(o.get("--keys"));
        int warmups = Integer.parseInt(o.getOrDefault("--warmups", "0"));
        JobConfig config = BenchConfig.of(o.get("--bootstrap"), Path.of(o.get("--work")), o.get("--backend"),
                o.get("--topic"), o.get("--rules-topic"), Integer.parseInt(o.get("--parallelism")),
                Duration.ofMillis(Long.parseLong(o.get("--checkpoint-interval"))), o.get("--rocksdb-memory"));
        // the KPIs the rule pack is written against (its own kpis.yaml beside it), as the other runs
        // use: with the built-ins alone the pack's rules on 'sessions' reject the whole rule set
        KpiCatalog catalog = Bench.catalog(Path.of(o.get("--rules")), config.kpis().windows());
        String name = String.format(Locale.ROOT, "redflag, %s, %,d keys", o.get("--backend"), keys);
        Path routes = Path.of(o.get("--routes"));
        // the same point first, as the compared runs' passes are measured after passes of their kind
        // in their JVM: a cold JVM spends a large share of a point compiling the job
        for (int w = 1; w <= warmups; w++) {
            Run warmup = run(config, catalog, routes, name, events);
            System.out.println("WARMUP\t" + w + "/" + warmups + "\t" + warmup.result().toLine());
        }
        Run measured = run(config, catalog, routes, name, events);
        System.out.println("RESULT\t" + measured.result().toLine());
        System.out.println("LIVE-HEAP\t" + measured.liveHeap());
        System.out.println("MAX-HEAP\t" + Runtime.getRuntime().maxMemory());
        System.out.flush();
        System.exit(0);
    }

    private record Run(Result result, long liveHeap) {
    }

    /**
     * One run of the point: the job from the start of the topic until a checkpoint taken after its
     * input holds every key, then the live heap after a full collection, then the job cancelled.
     */
    private static Run run(JobConfig config, KpiCatalog catalog, Path routes, String name, long events)
            throws Exception {
        CapturingReporter.reset(events);
        StreamExecutionEnvironment env = RedflagRun.environment(config);
        RedflagJob.Outputs outputs = RedflagJob.define(env, config, catalog,
                Notifications.routedBy(RouteLoader.load(routes)));
        outputs.notifications().sinkTo(new DiscardingSink<>()).name("discard-notifications");
        try (HeapSampler heap = new HeapSampler().start()) {
            JobClient job = env.executeAsync(name);
            await(() -> CapturingReporter.inputSeconds() > 0, Duration.ofMinutes(10), "the end of input");
            long before = CapturingReporter.last("numberOfCompletedCheckpoints");
            // the first to complete may have been triggered before the last record
            await(() -> CapturingReporter.last("numberOfCompletedCheckpoints") >= before + 2, Duration.ofMinutes(3),
                    "a checkpoint after the end of input");
            long size = CapturingReporter.last("lastCheckpointFullSize");
            long duration = CapturingReporter.last("lastCheckpointDuration");
            long live = HeapSampler.afterGc();
            job.cancel().get();
            Result result = new Result(name, events, CapturingReporter.inputSeconds(), config.parallelism(),
                    CapturingReporter.last("numberOfCompletedCheckpoints"), size, duration, heap.peak(),
                    "checkpoint size and duration: the first checkpoint triggered after the end of input",
                    CapturingReporter.inputCpuSeconds());
            return new Run(result, live);
        }
    }

    /** Waits, printing the source's progress every 15 s so a long point shows it is alive. */
    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("no " + what + " within " + timeout);
            }
            if (now > nextReport) {
                System.out.printf(Locale.ROOT, "waiting for %s: %,d records read, %d checkpoints%n", what,
                        CapturingReporter.sourceRecords(), CapturingReporter.last("numberOfCompletedCheckpoints"));
                nextReport = now + Duration.ofSeconds(15).toNanos();
            }
            Thread.sleep(100);
        }
    }
}
