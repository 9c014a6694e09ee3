package dev.redflag.actions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayGuardTest {

    private static final Instant T = Instant.parse("2026-12-04T10:42:00Z");

    @Test
    void aSignatureIsTakenOnceWhileItsRequestCouldPassTheAgeCheck() {
        ReplayGuard guard = new ReplayGuard(10, Duration.ofMinutes(5));
        assertThat(guard.firstTime("v0=a", T, T)).isTrue();
        assertThat(guard.firstTime("v0=a", T, T.plusSeconds(299))).isFalse();
        assertThat(guard.firstTime("v0=b", T, T)).isTrue();
        // ten minutes on, the request could no longer pass the age check either way: forgotten
        assertThat(guard.firstTime("v0=c", T.plusSeconds(601), T.plusSeconds(601))).isTrue();
        assertThat(guard.size()).isEqualTo(1);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheOldest() {
        ReplayGuard guard = new ReplayGuard(2, Duration.ofMinutes(5));
        guard.firstTime("v0=a", T, T);
        guard.firstTime("v0=b", T, T);
        guard.firstTime("v0=c", T, T);
        assertThat(guard.size()).isEqualTo(2);
        assertThat(guard.firstTime("v0=c", T, T)).isFalse();
        assertThat(guard.firstTime("v0=a", T, T)).isTrue();
    }
}
