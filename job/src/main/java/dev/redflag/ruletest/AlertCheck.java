package dev.redflag.ruletest;

import dev.redflag.yaml.Origin;

import java.util.List;

/**
 * "At this time, exactly these alerts are firing": one entry of a test's {@code alerts}. Without a
 * scope every alert of the test's rule files counts, so an alert nobody expected fails the test;
 * with {@code alert: Name} only alerts of that name are compared, as promtool compares per
 * alertname.
 *
 * @param at       event time of the check, epoch millis
 * @param scope    alert name the check is limited to, or null for all alerts
 * @param expected the alerts expected to be firing (empty: none)
 * @param origin   where the entry was written
 */
public record AlertCheck(long at, String scope, List<ExpectedAlert> expected, Origin origin) {

    public AlertCheck {
        expected = List.copyOf(expected);
    }

    /** Whether an alert of this name takes part in the check. */
    public boolean covers(String alertname) {
        return scope == null || scope.equals(alertname);
    }
}
