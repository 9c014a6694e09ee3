package dev.redflag.local;

import java.util.Map;

/**
 * One measured pass of the scale run: the live job at parallelism = the cluster's slots over the
 * pre-loaded events, on TaskManagers started for it.
 *
 * @param busy            per vertex, the busiest subtask's busyTimeMsPerSecond / 1000, median over the samples while reading
 * @param coresByProcess  per process of the stack (kafka, jobmanager, taskmanager-N), the cores it kept busy while reading
 * @param cpuPerEvent     per process, CPU seconds per event read
 * @param checkpointBytes full size of the first checkpoint completed after the input was read
 * @param incrementalBytes what that checkpoint uploaded (incremental)
 * @param heapPeak        the largest TaskManager heap used, sampled while reading
 * @param load            /proc/loadavg before and after the pass
 */
record ScalePass(Shape shape, int round, InputRate rate, Map<String, Double> busy, Map<String, Double> coresByProcess,
                 Map<String, Double> cpuPerEvent, long checkpointBytes, long incrementalBytes, SlotState slots,
                 long heapPeak, String load) {

    /** TaskManagers × slots each; their product is the job's parallelism. */
    record Shape(int taskManagers, int slotsPerTaskManager) {

        static Shape parse(String text) {
            String[] parts = text.strip().split("x");
            return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        int slots() {
            return taskManagers * slotsPerTaskManager;
        }

        @Override
        public String toString() {
            return taskManagers + " TM × " + slotsPerTaskManager + (slotsPerTaskManager == 1 ? " slot" : " slots");
        }
    }

    /** CPU seconds per event of the TaskManagers together. */
    double taskManagerCpuPerEvent() {
        return cpuPerEvent.entrySet().stream().filter(e -> e.getKey().startsWith("taskmanager"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** CPU seconds per event of every process of the stack (broker and JobManager included). */
    double allCpuPerEvent() {
        return cpuPerEvent.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
