package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Keeps Alertmanager hearing about firing alerts, as Prometheus does: keyed by fingerprint, it
 * passes FIRING and RESOLVED events on, and sends the latest FIRING event of a still-firing alert
 * again every resend interval from a processing-time timer. Each send gets a fresh
 * {@code endsAt} where it is posted ({@link PostableAlert}), so an alert stays firing exactly as
 * long as this keeps sending it. RESOLVED passes on, also for an alert this never saw fire (a
 * duplicate resolve is harmless), and clears the state and the timer. Pending and shadow events
 * are dropped. Resends go by processing time because they are about Alertmanager's clock, not the
 * data's: an alert must keep firing while event time stands still.
 */
public final class AlertResendFunction extends KeyedProcessFunction<String, AlertEvent, AlertEvent> {

    private final long intervalMillis;
    private transient ValueState<AlertEvent> firing;
    private transient ValueState<Long> nextResend;

    public AlertResendFunction(Duration resendInterval) {
        if (resendInterval.compareTo(AlertmanagerSettings.MIN_RESEND_INTERVAL) < 0) {
            throw new IllegalArgumentException("resend interval must be at least 1s: " + resendInterval);
        }
        this.intervalMillis = resendInterval.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        firing = getRuntimeContext().getState(
                new ValueStateDescriptor<>("alertmanager-firing", TypeInformation.of(AlertEvent.class)));
        nextResend = getRuntimeContext().getState(new ValueStateDescriptor<>("alertmanager-next-resend", Types.LONG));
    }

    @Override
    public void processElement(AlertEvent alert, Context ctx, Collector<AlertEvent> out) throws Exception {
        if (!PostableAlert.sendable(alert)) {
            return;
        }
        Long due = nextResend.value();
        if (due != null) {
            ctx.timerService().deleteProcessingTimeTimer(due);
        }
        out.collect(alert);
        if (alert.phase() == Transition.Phase.FIRING) {
            // a new FIRING (fired again, or now flapping) was just sent: the next resend counts from here
            firing.update(alert);
            schedule(ctx.timerService().currentProcessingTime(), ctx);
        } else {
            firing.clear();
            nextResend.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        AlertEvent alert = firing.value();
        if (alert == null) {
            nextResend.clear();
            return;
        }
        out.collect(alert);
        // from now, not from the timer's time: a timer late after a restore fires once, not once per missed interval
        schedule(ctx.timerService().currentProcessingTime(), ctx);
    }

    private void schedule(long now, Context ctx) throws Exception {
        long next = now + intervalMillis;
        ctx.timerService().registerProcessingTimeTimer(next);
        nextResend.update(next);
    }
}
