package dev.redflag.bench;

import java.util.Locale;

/**
 * One line of the results table.
 *
 * @param cores          threads or subtasks the run used (events/s per core divides by it)
 * @param checkpoints    completed checkpoints, -1 when the run takes none
 * @param checkpointSize bytes of the largest checkpoint (full size), -1 when none
 * @param checkpointMs   longest checkpoint duration, -1 when none
 * @param peakHeap       peak heap used while it ran (sampled every 200 ms), bytes
 * @param cpuSeconds     CPU time of the pass's JVM (every thread: job, JIT compiler, garbage collector, and
 *                       the broker when it shares the JVM, see {@link PassJvm}) over the same interval as
 *                       {@code seconds}; -1 when not measured
 */
record Result(String name, long events, double seconds, int cores, long checkpoints, long checkpointSize,
              long checkpointMs, long peakHeap, String note, double cpuSeconds) {

    /** A result whose CPU time was not measured. */
    Result(String name, long events, double seconds, int cores, long checkpoints, long checkpointSize,
           long checkpointMs, long peakHeap, String note) {
        this(name, events, seconds, cores, checkpoints, checkpointSize, checkpointMs, peakHeap, note, -1);
    }

    Result withNote(String newNote) {
        return new Result(name, events, seconds, cores, checkpoints, checkpointSize, checkpointMs, peakHeap, newNote,
                cpuSeconds);
    }

    double perSecond() {
        return events / seconds;
    }

    /**
     * Events per second of CPU time, NaN when not measured: what an event costs, which moves far less
     * with the machine's other load than the wall-clock rate does.
     */
    double perCpuSecond() {
        return cpuSeconds > 0 ? events / cpuSeconds : Double.NaN;
    }

    static String header() {
        return "| run | events | seconds reading input | events/s | events/s per core | checkpoints | max checkpoint size "
                + "| max checkpoint duration | peak heap used | notes |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|";
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %,.0f | %s | %s | %s | %s | %s |", name, events,
                seconds, perSecond(), perSecond() / cores, checkpoints < 0 ? "-" : Long.toString(checkpoints),
                checkpointSize < 0 ? "-" : mib(checkpointSize), checkpointMs < 0 ? "-" : checkpointMs + " ms",
                mib(peakHeap), note);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** One tab-separated line, how a child JVM hands its row to the benchmark. */
    String toLine() {
        return String.join("\t", name, Long.toString(events), Double.toString(seconds), Integer.toString(cores),
                Long.toString(checkpoints), Long.toString(checkpointSize), Long.toString(checkpointMs),
                Long.toString(peakHeap), note, Double.toString(cpuSeconds));
    }

    static Result fromLine(String line) {
        String[] f = line.split("\t", -1);
        return new Result(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), Integer.parseInt(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), f[8],
                Double.parseDouble(f[9]));
    }
}
