package dev.redflag.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, from Linux' {@code /proc/PID/stat}: user plus system time,
 * in clock ticks ({@code getconf CLK_TCK}, 100 on Linux' usual builds).
 */
final class ProcessCpu {

    static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** The ticks of process {@code pid}, or -1 when it is gone. */
    static long ticks(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException gone) {
            return -1;
        }
    }

    /**
     * utime + stime of one {@code stat} line: fields 14 and 15, counted after the command name in
     * parentheses, which may itself hold spaces and parentheses (so the last ')' ends it).
     */
    static long ticksOf(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after[0] is field 3 (state): utime (14) is after[11], stime (15) after[12]
        return Long.parseLong(after[11]) + Long.parseLong(after[12]);
    }
}
