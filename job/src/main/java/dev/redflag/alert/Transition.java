package dev.redflag.alert;

import java.io.Serial;
import java.io.Serializable;

/**
 * One change of an alert that others must hear about: it went pending, fired or resolved. The
 * unit written to the alerts topic, printed by backtests and expected by rule tests; notifications
 * are made from FIRING and RESOLVED.
 *
 * @param phase       what happened
 * @param at          event time of the change (window end of the value that caused it, or the
 *                    tick time)
 * @param startsAt    PENDING: when the condition became active; FIRING and RESOLVED: when the
 *                    alert fired (Alertmanager's startsAt)
 * @param endsAt      RESOLVED: when it resolved (= at); {@link AlertState#NO_TIME} otherwise
 * @param value       latest judged KPI value
 * @param baseline    its baseline, NaN when none
 * @param change      its relative change in percent, NaN when none
 * @param windowStart window of the latest judged value
 * @param windowEnd   window end of the latest judged value
 * @param flapping    the alert is flapping: it was held firing instead of churning
 * @param judgedWindow the pooled resolution that judged the latest value ({@code 1d}); null when
 *                    the rule's own window did
 */
public record Transition(Phase phase, long at, long startsAt, long endsAt, double value, double baseline,
                         double change, long windowStart, long windowEnd, boolean flapping, String judgedWindow)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A transition judged on the rule's own window. */
    public Transition(Phase phase, long at, long startsAt, long endsAt, double value, double baseline, double change,
                      long windowStart, long windowEnd, boolean flapping) {
        this(phase, at, startsAt, endsAt, value, baseline, change, windowStart, windowEnd, flapping, null);
    }

    public enum Phase {
        PENDING, FIRING, RESOLVED
    }
}
