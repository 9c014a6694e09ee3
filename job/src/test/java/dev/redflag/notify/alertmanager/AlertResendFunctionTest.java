package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Resends by processing time, driven exactly through Flink's keyed operator harness. */
class AlertResendFunctionTest {

    private static final Instant FIRED = Instant.parse("2026-11-02T10:45:00Z");
    private static final long MINUTE = 60_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, AlertEvent, AlertEvent> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertResendFunction(Duration.ofMinutes(1))), AlertEvent::fingerprint,
                Types.STRING);
    }

    private static List<AlertEvent> drain(KeyedOneInputStreamOperatorTestHarness<String, AlertEvent, AlertEvent> h) {
        List<AlertEvent> out = h.extractOutputValues();
        h.getOutput().clear();
        return out;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, AlertEvent, AlertEvent> h,
                             AlertEvent alert) throws Exception {
        h.processElement(new StreamRecord<>(alert, alert.transition().at()));
    }

    @Test
    void firingIsSentAtOnceThenEveryIntervalUntilResolved() throws Exception {
        AlertEvent firing = TestAlerts.firing("/pricing", FIRED);
        AlertEvent resolved = TestAlerts.resolved("/pricing", FIRED, FIRED.plusSeconds(3600));
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(1_000);
            send(h, firing);
            assertThat(drain(h)).containsExactly(firing);
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            h.setProcessingTime(1_000 + MINUTE - 1);
            assertThat(drain(h)).isEmpty();
            h.setProcessingTime(1_000 + MINUTE);
            assertThat(drain(h)).containsExactly(firing);
            h.setProcessingTime(1_000 + 2 * MINUTE);
            assertThat(drain(h)).containsExactly(firing);

            h.setProcessingTime(1_000 + 2 * MINUTE + 30_000);
            send(h, resolved);
            assertThat(drain(h)).containsExactly(resolved);
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(h.numKeyedStateEntries()).isZero();

            h.setProcessingTime(1_000 + 10 * MINUTE);
            assertThat(drain(h)).isEmpty();
        }
    }

    @Test
    void aLateTimerResendsOnceAndCountsOnFromNow() throws Exception {
        AlertEvent firing = TestAlerts.firing("/pricing", FIRED);
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            send(h, firing);
            drain(h);

            h.setProcessingTime(5 * MINUTE + 7);
            assertThat(drain(h)).containsExactly(firing);
            h.setProcessingTime(6 * MINUTE + 6);
            assertThat(drain(h)).isEmpty();
            h.setProcessingTime(6 * MINUTE + 7);
            assertThat(drain(h)).containsExactly(firing);
        }
    }

    @Test
    void eachAlertHasItsOwnScheduleAndANewFiringRestartsIt() throws Exception {
        AlertEvent pricing = TestAlerts.firing("/pricing", FIRED);
        AlertEvent home = TestAlerts.firing("/home", FIRED);
        AlertEvent pricingAgain = TestAlerts.firing("/pricing", FIRED.plusSeconds(7200));
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            send(h, pricing);
            h.setProcessingTime(20_000);
            send(h, home);
            h.setProcessingTime(40_000);
            send(h, pricingAgain);
            assertThat(drain(h)).containsExactly(pricing, home, pricingAgain);
            assertThat(h.numProcessingTimeTimers()).isEqualTo(2);

            h.setProcessingTime(MINUTE);
            assertThat(drain(h)).isEmpty();
            h.setProcessingTime(20_000 + MINUTE);
            assertThat(drain(h)).containsExactly(home);
            h.setProcessingTime(40_000 + MINUTE);
            assertThat(drain(h)).containsExactly(pricingAgain);
        }
    }

    @Test
    void pendingAndShadowAreDroppedAndAnUnknownResolvePassesOn() throws Exception {
        AlertEvent pending = TestAlerts.event("/a", Transition.Phase.PENDING, FIRED, null, false);
        AlertEvent shadow = TestAlerts.event("/a", Transition.Phase.FIRING, FIRED, null, true);
        AlertEvent resolved = TestAlerts.resolved("/b", FIRED, FIRED.plusSeconds(600));
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            send(h, pending);
            send(h, shadow);
            send(h, resolved);

            assertThat(drain(h)).containsExactly(resolved);
            assertThat(h.numProcessingTimeTimers()).isZero();
            h.setProcessingTime(10 * MINUTE);
            assertThat(drain(h)).isEmpty();
        }
    }

    @Test
    void theResendTimerSurvivesASnapshotAndRestore() throws Exception {
        AlertEvent firing = TestAlerts.firing("/pricing", FIRED);
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(1_000);
            send(h, firing);
            drain(h);
            h.setProcessingTime(30_000);
            snapshot = h.snapshot(1, 30_000);
        }
        try (var restored = harness()) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(30_000);
            assertThat(restored.numProcessingTimeTimers()).isEqualTo(1);
            assertThat(drain(restored)).isEmpty();

            restored.setProcessingTime(1_000 + MINUTE);
            assertThat(drain(restored)).extracting(AlertEvent::fingerprint, AlertEvent::phase,
                            e -> e.transition().startsAt())
                    .containsExactly(tuple(firing.fingerprint(), Transition.Phase.FIRING, FIRED.toEpochMilli()));
            restored.setProcessingTime(1_000 + 2 * MINUTE);
            assertThat(drain(restored)).hasSize(1);

            send(restored, TestAlerts.resolved("/pricing", FIRED, FIRED.plusSeconds(3600)));
            assertThat(drain(restored)).extracting(AlertEvent::phase).containsExactly(Transition.Phase.RESOLVED);
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }
}
