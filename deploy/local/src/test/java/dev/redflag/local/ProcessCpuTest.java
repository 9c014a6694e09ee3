package dev.redflag.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCpuTest {

    @Test
    void userPlusSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 120 0 3 0 1234 56 7 8 20 0 40 0";

        assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void aProcessThatIsGoneHasNoTicks() {
        assertThat(ProcessCpu.ticks(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
