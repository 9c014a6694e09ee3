package dev.redflag.bench.jmh;

import dev.redflag.event.EventDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The decode benchmark's two decoders (scanner, Jackson only) on the same 4,096 records as
 * {@link HotPathBenchmarks}, timed in this thread's CPU time, in alternating blocks of 400,000
 * records, for a ratio that holds on a loaded machine: JMH's wall-clock times count the time the
 * thread waits for a core, which on a shared machine moves more than the costs compared.
 * {@code java -jar redflag-bench.jar decode-cpu [rounds]}.
 */
public final class DecodeCpuTime {

    private static final int BLOCK = 400_000;

    private DecodeCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        byte[][] records = HotPathBenchmarks.demoRecords();
        EventDecoder[] decoders = {new EventDecoder(), EventDecoder.jacksonOnly()};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Object[] keep = new Object[16]; // the results escape, as into JMH's blackhole
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            for (EventDecoder d : decoders) {
                run(d, records, keep);
            }
        }
        double[][] ns = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int which = r % 2 == 0 ? k : 1 - k; // alternate which goes first
                long start = threads.getCurrentThreadCpuTime();
                run(decoders[which], records, keep);
                ns[which][r] = (threads.getCurrentThreadCpuTime() - start) / (double) BLOCK;
            }
            ratios[r] = ns[0][r] / ns[1][r];
        }
        System.out.printf("decode                 CPU ns/record median %s%n", spread(ns[0]));
        System.out.printf("decodeWithJacksonOnly  CPU ns/record median %s%n", spread(ns[1]));
        System.out.printf("ratio (round by round)             median %s%n", spread(ratios));
    }

    private static void run(EventDecoder decoder, byte[][] records, Object[] keep) {
        for (int i = 0; i < BLOCK; i++) {
            keep[i & 15] = decoder.decode(records[i & 4095]);
        }
    }

    private static String spread(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        String format = sorted[0] < 10 ? "%.2f (%.2f–%.2f)" : "%.0f (%.0f–%.0f)";
        return String.format(format, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }
}
