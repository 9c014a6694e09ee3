package dev.redflag.bench;

import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import dev.redflag.rules.RulesPublisher;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.util.HashMap;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * The rules curve: {@link RuleGenerator}'s rules, checked by the job's own loader, published to a
 * rules topic of their own; the live job on heap state starts, bounded at offsets known in advance,
 * and once its rule gate reports the set in force the same generated events are sent to a topic of
 * the point's own. "Whole job" runs from the first event sent to the job's end.
 */
final class RuleCurve {

    /**
     * A rule set travels as one record. Kafka's default limit is about 1 MiB (the broker's
     * {@code message.max.bytes}, the topic's {@code max.message.bytes}, the producer's
     * {@code max.request.size}); the benchmark raises all three to this for its rules topics.
     */
    static final int MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
    static final int KAFKA_DEFAULT_MAX_BYTES = 1_048_588;

    record Point(int rules, long bundleBytes, RedflagRun.Outcome outcome) {

        static String header() {
            return "| rules | rule set record | events | seconds reading input | events/s | events/s per core "
                    + "| whole job | events/s over the whole job | KPI values | alert transitions | peak heap used |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
        }

        String row() {
            Result r = outcome.result();
            return String.format(Locale.ROOT, "| %,d | %,.0f KiB%s | %,d | %.1f | %,.0f | %,.0f | %.1f s | %,.0f | %,d | %,d | %s |",
                    rules, bundleBytes / 1024.0, bundleBytes > KAFKA_DEFAULT_MAX_BYTES ? " (over Kafka's 1 MiB default)" : "",
                    r.events(), r.seconds(), r.perSecond(), r.perSecond() / r.cores(), outcome.jobSeconds(),
                    r.events() / outcome.jobSeconds(), outcome.kpis(), outcome.alerts(), Result.mib(r.peakHeap()));
        }
    }

    private final String bootstrap;
    private final Path work;
    private final String eventsTopic;
    private final long events;
    private final Path routes;
    private final int parallelism;
    private final Duration checkpointInterval;
    private final KpiCatalog catalog;
    private final int tenants;
    private final long seed;

    RuleCurve(String bootstrap, Path work, String eventsTopic, long events, Path routes, int parallelism,
              Duration checkpointInterval, KpiCatalog catalog, int tenants, long seed) {
        this.tenants = tenants;
        this.seed = seed;
        this.bootstrap = bootstrap;
        this.work = work;
        this.eventsTopic = eventsTopic;
        this.events = events;
        this.routes = routes;
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.catalog = catalog;
    }

    Point run(int rules) throws Exception {
        SortedMap<String, String> files = new RuleGenerator(List.copyOf(catalog.specs().values())).files(rules);
        RuleSet set = RuleLoader.parseAll(files, catalog);
        if (set.rules().size() != rules) {
            throw new IllegalStateException("generated " + rules + " rules, the loader read " + set.rules().size());
        }
        RuleBundle bundle = new RuleBundle(files);
        String topic = "bench.rules." + rules;
        Topics.createCompacted(bootstrap, topic, MAX_BUNDLE_BYTES);
        try (RulesPublisher publisher = new RulesPublisher(bootstrap, topic,
                Map.of("max.request.size", Integer.toString(MAX_BUNDLE_BYTES)))) {
            publisher.publish(bundle);
        }
        // events of a topic of their own, sent once the rule set is in force: the rule evaluation skips
        // values that arrive before its first rule set, and a large one takes seconds to be checked
        String eventsTopic = this.eventsTopic + "." + rules;
        Topics.create(bootstrap, eventsTopic, parallelism);
        Map<TopicPartition, Long> stop = new HashMap<>();
        for (int p = 0; p < parallelism; p++) {
            stop.put(new TopicPartition(eventsTopic, p), events / parallelism + (p < events % parallelism ? 1 : 0));
        }
        stop.put(new TopicPartition(topic, 0), 1L); // the one rule set record (silences are read from it too)
        JobConfig config = BenchConfig.of(bootstrap, work, "hashmap", eventsTopic, topic, parallelism,
                checkpointInterval);
        String name = String.format(Locale.ROOT, "redflag, heap state, %,d rules", rules);
        CapturingReporter.reset(events);
        HeapSampler.afterGc();
        try (HeapSampler heap = new HeapSampler().start()) {
            JobClient job = RedflagRun.define(config, catalog, routes, OffsetsInitializer.offsets(stop))
                    .executeAsync(name);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (CapturingReporter.last("activeRules") < rules) {
                if (System.nanoTime() > deadline) {
                    job.cancel();
                    throw new IllegalStateException("the rule set of " + rules + " rules was not in force in 3 min");
                }
                Thread.sleep(100);
            }
            Thread.sleep(500); // the broadcast to the rule evaluation, through one buffer timeout at most
            long feedStart = System.nanoTime();
            Preload.traffic(bootstrap, eventsTopic, events, tenants, seed, parallelism);
            JobExecutionResult result = job.getJobExecutionResult().get();
            double seconds = (System.nanoTime() - feedStart) / 1e9;
            return new Point(rules, bundle.toJson().length, RedflagRun.outcome(name, config, events, heap, result,
                    seconds));
        }
    }
}
