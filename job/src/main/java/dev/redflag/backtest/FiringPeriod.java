package dev.redflag.backtest;

import dev.redflag.alert.AlertState;
import dev.redflag.yaml.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One stretch of time an alert fired in a backtest, with what a person tuning the rule wants next
 * to it: which rule and series, how long it was pending first, whether it flapped. The plain
 * {@link AlertPeriod} is what timelines are compared on; this is what reports are made of.
 *
 * @param pendingSince when the condition became active before firing; {@link AlertState#NO_TIME}
 *                     when the alert fired at once
 * @param start        when it fired
 * @param end          when it resolved; Long.MAX_VALUE while still firing at the end of history
 * @param flapping     it fired or resolved as a flapping alert
 * @param firingValue  the KPI value that made it fire (NaN for absence)
 * @param firingBaseline that value's baseline, NaN when none
 * @param examples     the firing's examples, one per line as its {@code examples} annotation says
 *                     them; empty when its KPI keeps none
 */
public record FiringPeriod(String ruleId, String alert, String severity, boolean shadow, String fingerprint,
                           AlertSeries series, long pendingSince, long start, long end, boolean flapping,
                           double firingValue, double firingBaseline, List<String> examples) {

    public FiringPeriod {
        examples = List.copyOf(examples);
    }

    public boolean isOpen() {
        return end == Long.MAX_VALUE;
    }

    /** How long the alert was pending before it fired; zero when it fired at once. */
    public Duration pendingFor() {
        return pendingSince == AlertState.NO_TIME ? Duration.ZERO : Duration.ofMillis(start - pendingSince);
    }

    /** Firing time, open periods counted until {@code historyEnd}. */
    public Duration firingFor(long historyEnd) {
        long until = isOpen() ? historyEnd : end;
        return Duration.ofMillis(Math.max(0, until - start));
    }

    /** What a reader should know besides the times: pending time, flapping, shadow mode. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!pendingFor().isZero()) {
            notes.add("pending " + Durations.format(pendingFor()));
        }
        if (flapping) {
            notes.add("flapping");
        }
        if (shadow) {
            notes.add("shadow");
        }
        return notes;
    }

    public AlertPeriod period() {
        return new AlertPeriod(alert, fingerprint, start, end);
    }

    FiringPeriod resolved(long at, boolean flapped) {
        return new FiringPeriod(ruleId, alert, severity, shadow, fingerprint, series, pendingSince, start, at,
                flapping || flapped, firingValue, firingBaseline, examples);
    }
}
