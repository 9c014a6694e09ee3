package dev.redflag.local;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import java.util.Map;

/**
 * How the keys of one keyed operator fall on its subtasks, as Flink places them: a key's hash
 * picks one of the max-parallelism key groups, and the key groups are split into contiguous
 * ranges, one per subtask. A key's records all go to one subtask, so the busiest subtask's share
 * of the records, not the average, is what a keyed operator's throughput at that parallelism is
 * bounded by.
 *
 * @param subtasks         the parallelism
 * @param keys             distinct keys
 * @param largestKeyShare  the largest key's share of the records
 * @param busiestShare     the busiest subtask's share of the records
 * @param subtasksWithKeys subtasks that get at least one key
 */
record KeySpread(int subtasks, int keys, double largestKeyShare, double busiestShare, int subtasksWithKeys) {

    /** Records per key spread over {@code subtasks} with Flink's default max parallelism for that parallelism. */
    static KeySpread of(Map<String, Long> recordsByKey, int subtasks) {
        return of(recordsByKey, subtasks, KeyGroupRangeAssignment.computeDefaultMaxParallelism(subtasks));
    }

    static KeySpread of(Map<String, Long> recordsByKey, int subtasks, int maxParallelism) {
        long[] load = new long[subtasks];
        long total = 0;
        long largest = 0;
        for (Map.Entry<String, Long> e : recordsByKey.entrySet()) {
            load[KeyGroupRangeAssignment.assignKeyToParallelOperator(e.getKey(), maxParallelism, subtasks)] += e.getValue();
            total += e.getValue();
            largest = Math.max(largest, e.getValue());
        }
        long busiest = 0;
        int used = 0;
        for (long l : load) {
            busiest = Math.max(busiest, l);
            used += l > 0 ? 1 : 0;
        }
        return new KeySpread(subtasks, recordsByKey.size(), total == 0 ? 0 : (double) largest / total,
                total == 0 ? 0 : (double) busiest / total, used);
    }

    /** The busiest subtask's share against an even spread: 1 when even, {@code subtasks} when one subtask gets all. */
    double imbalance() {
        return busiestShare * subtasks;
    }
}
