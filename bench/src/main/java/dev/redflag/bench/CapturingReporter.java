package dev.redflag.bench;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Flink metric reporter that keeps the job's checkpoint gauges in this JVM, so the benchmark can
 * read checkpoint size and duration of the mini cluster it started: the last value seen of each
 * gauge, read when sampled and once more when Flink removes it at the end of the job.
 */
public final class CapturingReporter implements MetricReporter {

    /** The job-level checkpoint gauges the benchmark reports. */
    static final Set<String> NAMES = Set.of("lastCheckpointSize", "lastCheckpointFullSize",
            "lastCheckpointDuration", "numberOfCompletedCheckpoints", "numberOfFailedCheckpoints", "activeRules");

    private static final Map<String, Gauge<?>> LIVE = new ConcurrentHashMap<>();
    private static final Map<String, Long> LAST = new ConcurrentHashMap<>();
    private static final Map<String, Long> MAX = new ConcurrentHashMap<>();
    /** numRecordsOut of each subtask of the events source, by metric identifier. */
    private static final Map<String, Counter> SOURCE_OUT = new ConcurrentHashMap<>();
    private static volatile long firstRecordNanos;
    private static volatile long inputDoneNanos;
    private static volatile long firstRecordCpuNanos;
    private static volatile long inputDoneCpuNanos;
    private static volatile long inputTarget = Long.MAX_VALUE;

    /** Forgets what earlier runs left. */
    static void reset(long events) {
        SOURCE_OUT.clear();
        firstRecordNanos = 0;
        inputDoneNanos = 0;
        firstRecordCpuNanos = 0;
        inputDoneCpuNanos = 0;
        inputTarget = events;
        LIVE.clear();
        LAST.clear();
        MAX.clear();
    }

    /**
     * Reads every live gauge once; the benchmark's sampler calls this a few times a second (and
     * {@link #sampleInput} on its own, far more often).
     */
    static void sample() {
        LIVE.forEach(CapturingReporter::record);
    }

    /**
     * Notes when the events source emitted its first record and when it had emitted them all. Called
     * every {@link HeapSampler#INPUT_PERIOD_MS} ms (reading two counters costs nothing), so a pass
     * of 4 s is timed to within 0.1%; at the gauges' 200 ms a pass was timed in steps of 5%.
     */
    static void sampleInput() {
        long out = 0;
        for (Counter c : SOURCE_OUT.values()) {
            out += c.getCount();
        }
        long now = System.nanoTime();
        if (out > 0 && firstRecordNanos == 0) {
            firstRecordCpuNanos = ProcessCpu.nanos();
            firstRecordNanos = now;
        }
        if (out >= inputTarget && inputDoneNanos == 0) {
            inputDoneCpuNanos = ProcessCpu.nanos();
            inputDoneNanos = now;
        }
    }

    /**
     * Seconds from the first record the events source emitted to its last (sampled every 2 ms),
     * or -1 when not seen: throughput while reading input, before the end-of-input flush.
     */
    static double inputSeconds() {
        return firstRecordNanos == 0 || inputDoneNanos == 0 ? -1 : (inputDoneNanos - firstRecordNanos) / 1e9;
    }

    /** CPU seconds of this JVM over the same interval as {@link #inputSeconds}, or -1 when not seen. */
    static double inputCpuSeconds() {
        return firstRecordNanos == 0 || inputDoneNanos == 0 ? -1 : (inputDoneCpuNanos - firstRecordCpuNanos) / 1e9;
    }

    /**
     * A Flink run's row from what this reporter saw of it: the seconds reading input (the whole
     * job's, {@code jobSeconds}, when the events source's counters were not seen), the largest
     * checkpoint count, size and duration, and the CPU time over the input.
     */
    static Result result(String name, long events, int parallelism, double jobSeconds, long peakHeap, String note) {
        double input = inputSeconds();
        return new Result(name, events, input > 0 ? input : jobSeconds, parallelism, max("numberOfCompletedCheckpoints"),
                max("lastCheckpointFullSize"), max("lastCheckpointDuration"), peakHeap, note,
                input > 0 ? inputCpuSeconds() : -1);
    }

    /** Records the events source has emitted so far. */
    static long sourceRecords() {
        return SOURCE_OUT.values().stream().mapToLong(Counter::getCount).sum();
    }

    /** Subtasks of the events source that have started (registered their metrics). */
    static int sourceSubtasks() {
        return SOURCE_OUT.size();
    }

    static long last(String name) {
        return LAST.getOrDefault(name, -1L);
    }

    static long max(String name) {
        return MAX.getOrDefault(name, -1L);
    }

    private static void record(String name, Gauge<?> gauge) {
        Object v = gauge.getValue();
        if (v instanceof Number n && n.longValue() >= 0) {
            LAST.put(name, n.longValue());
            MAX.merge(name, n.longValue(), Math::max);
        }
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if (NAMES.contains(metricName) && metric instanceof Gauge<?> g) {
            LIVE.put(metricName, g);
        }
        String operator = group.getAllVariables().getOrDefault("<operator_name>", "");
        if (metricName.equals("numRecordsOut") && metric instanceof Counter c && operator.contains("kafka-events")) {
            SOURCE_OUT.put(group.getMetricIdentifier(metricName), c);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // a job torn down after the next run's reset must not leave its figures in that run
        if (NAMES.contains(metricName) && metric instanceof Gauge<?> g && LIVE.remove(metricName, g)) {
            record(metricName, g);
        }
    }

    /** Named in the cluster settings as {@code metrics.reporter.bench.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CapturingReporter();
        }
    }
}
