package dev.redflag.bench;

import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One point of the key curve, in a JVM of its own that the benchmark starts with a small heap
 * ({@code -Xmx1g}): the live job on RocksDB over a topic the benchmark pre-loaded with sessions
 * spread over that many keys. Its own JVM, so the heap measured is the job's alone (the broker
 * stays in the benchmark's JVM) and the heap limit is a real one. Prints tab-separated lines the
 * benchmark parses: {@code RESULT}, {@code LIVE-HEAP} (bytes after a full collection at the end of
 * input) and {@code MAX-HEAP}.
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
        JobConfig config = BenchConfig.of(o.get("--bootstrap"), Path.of(o.get("--work")), o.get("--backend"),
                o.get("--topic"), o.get("--rules-topic"), Integer.parseInt(o.get("--parallelism")),
                Duration.ofMillis(Long.parseLong(o.get("--checkpoint-interval"))));
        KpiCatalog catalog = KpiCatalog.builtins(config.kpis().windows());
        CapturingReporter.reset(events);
        RedflagRun.Outcome outcome;
        long live;
        try (HeapSampler heap = new HeapSampler().start(true)) {
            outcome = RedflagRun.run(String.format("redflag, %s, %,d keys", o.get("--backend"), keys), config,
                    catalog, Path.of(o.get("--routes")), events, heap);
            live = heap.liveAtEndOfInput();
        }
        System.out.println("RESULT\t" + outcome.result().toLine());
        System.out.println("KPIS\t" + outcome.kpis());
        System.out.println("LIVE-HEAP\t" + live);
        System.out.println("MAX-HEAP\t" + Runtime.getRuntime().maxMemory());
        System.out.flush();
        System.exit(0);
    }
}
