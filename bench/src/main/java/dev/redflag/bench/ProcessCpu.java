package dev.redflag.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM, every thread together, as the operating system counts it. */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU this process has used since it started. */
    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
