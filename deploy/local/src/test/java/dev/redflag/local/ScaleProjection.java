package dev.redflag.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a cluster of S slots needs and can read, projected from the measured one-slot point and from
 * how the generator's keys fall on S subtasks ({@link KeySpread}).
 *
 * <p>The model: at one slot, vertex v (a chain of operators, one thread per subtask) is busy a share
 * {@code busy(v)} of the wall time while the job reads {@code r1} events/s, and its one subtask gets
 * all of v's records. At S slots the busiest subtask of v gets a share {@code L(v, S)} of them: for the
 * source, the busiest reader's share of the partitions ({@link #sourceShare}); for a keyed vertex, the
 * busiest subtask's share of its keys' load. That subtask is saturated (busy all the time) at
 * {@code r1 / (busy(v) × L(v, S))} events/s: the vertex's cap ({@link #cap}). The projection is
 * the smallest cap, which assumes each slot has the CPU the one-slot point had
 * ({@link OneSlot#coresPerSlot} cores) and that nothing else (broker, network) is the limit.
 */
final class ScaleProjection {

    /** The source vertex, by the name of its first operator. */
    static final String SOURCE = "kafka-events";

    /**
     * The one-slot point.
     *
     * @param eventsPerSecond events/s while reading input (median of the passes)
     * @param busy            per vertex, the share of wall time it was busy (busyTimeMsPerSecond / 1000)
     * @param taskManagerCpuPerEvent CPU seconds the TaskManager used per event read
     * @param checkpointBytes full size of the checkpoint taken after the input was read
     * @param series          KPI series of the input (distinct KPI, window, dimension values)
     */
    record OneSlot(double eventsPerSecond, Map<String, Double> busy, double taskManagerCpuPerEvent,
                   long checkpointBytes, long series) {

        /** Checkpoint bytes per KPI series: everything the job keeps (windows, histories, ledgers) spread over the series. */
        double bytesPerSeries() {
            return series == 0 ? 0 : (double) checkpointBytes / series;
        }

        /** Cores the one-slot TaskManager kept busy while reading: what each slot needs to read as fast. */
        double coresPerSlot() {
            return eventsPerSecond * taskManagerCpuPerEvent;
        }
    }

    /**
     * One projected size.
     *
     * @param caps            events/s at which each vertex's busiest subtask saturates
     * @param eventsPerSecond the smallest cap
     * @param bound           the vertex with the smallest cap
     * @param series          KPI series of the workload
     * @param statePerSlot    bytes of state of the slot with the most series
     * @param checkpointBytes bytes of a full checkpoint
     */
    record Row(int slots, int partitions, Map<String, Double> caps, double eventsPerSecond, String bound,
               long series, long statePerSlot, long checkpointBytes) {
    }

    private ScaleProjection() {
    }

    /**
     * Partitions of the events topic for {@code slots} subtasks: twice the slots, a multiple of them, so that
     * every source subtask reads the same number of partitions at this parallelism and at half of it,
     * and the job can double its parallelism without a new topic.
     */
    static int partitions(int slots) {
        return 2 * slots;
    }

    /**
     * The busiest source subtask's share of the input when {@code partitions} equal partitions are dealt
     * to {@code slots} readers: some read ⌈P/S⌉ of them, which is 1/S only when S divides P.
     */
    static double sourceShare(int partitions, int slots) {
        if (partitions < slots) {
            return 1.0 / partitions; // readers beyond the partitions idle; each busy one reads one
        }
        return Math.ceil((double) partitions / slots) / partitions;
    }

    /** Events/s at which a vertex busy {@code busy} of the time at one slot saturates when its busiest subtask gets {@code share}. */
    static double cap(double eventsPerSecond, double busy, double share) {
        return busy <= 0 || share <= 0 ? Double.POSITIVE_INFINITY : eventsPerSecond / (busy * share);
    }

    /**
     * @param spreads per keyed vertex, its keys spread over {@code slots} subtasks
     * @param series  KPI series of the workload projected (they grow with tenants, not slots)
     * @param seriesSpread the series spread over the subtasks (windowed-kpis' keys)
     */
    static Row project(OneSlot one, int slots, int partitions, Map<String, KeySpread> spreads, long series,
                       KeySpread seriesSpread) {
        Map<String, Double> caps = new LinkedHashMap<>();
        caps.put(SOURCE, cap(one.eventsPerSecond(), one.busy().getOrDefault(SOURCE, 1.0),
                sourceShare(partitions, slots)));
        spreads.forEach((vertex, spread) ->
                caps.put(vertex, cap(one.eventsPerSecond(), one.busy().getOrDefault(vertex, 0.0), spread.busiestShare())));
        Map.Entry<String, Double> bound = caps.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        double bytes = one.bytesPerSeries() * series;
        return new Row(slots, partitions, caps, bound.getValue(), bound.getKey(), series,
                Math.round(bytes * seriesSpread.busiestShare()), Math.round(bytes));
    }
}
