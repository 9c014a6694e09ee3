package dev.redflag.backtest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rules, KPI values and alert transitions for backtest unit tests, built by hand. */
final class Fixtures {

    static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));
    static final long HOUR = 3_600_000L;

    /** Two rules in two groups: a bounce-rate rise with {@code for: 1h}, and a funnel stall. */
    static final RuleSet RULES = RuleLoader.parse("""
            groups:
              - name: web
                labels: {team: growth}
                rules:
                  - alert: BounceRateRising
                    kpi: bounce_rate
                    when: {change: rise, percent: 25}
                    for: 1h
                    severity: warning
              - name: funnel
                rules:
                  - alert: MqlToSqlStalled
                    kpi: mql_to_sql_rate
                    when: {stall: true}
                    severity: critical
            """, "test.yaml", CATALOG);

    private Fixtures() {
    }

    /** 2026-11-02 at {@code hh}:00 UTC. */
    static long t(int hh) {
        return Instant.parse("2026-11-02T00:00:00Z").toEpochMilli() + hh * HOUR;
    }

    static KpiValue value(String kpi, Map<String, String> dims, int windowEndHour, double value) {
        return new KpiValue(kpi, "1h", new TreeMap<>(dims), t(windowEndHour) - HOUR, t(windowEndHour), value,
                value * 100, 100, 100);
    }

    /** Transitions of one alert of the {@code web/BounceRateRising} rule for one page of acme. */
    static final class Bounce {
        private final String page;

        Bounce(String page) {
            this.page = page;
        }

        AlertEvent pending(int at, double value) {
            return event(Transition.Phase.PENDING, at, at, AlertState.NO_TIME, value, false);
        }

        AlertEvent firing(int at, double value) {
            return event(Transition.Phase.FIRING, at, at, AlertState.NO_TIME, value, false);
        }

        AlertEvent firingFlapping(int at, double value) {
            return event(Transition.Phase.FIRING, at, at, AlertState.NO_TIME, value, true);
        }

        AlertEvent resolved(int firedAt, int at, double value) {
            return event(Transition.Phase.RESOLVED, at, firedAt, t(at), value, false);
        }

        private AlertEvent event(Transition.Phase phase, int at, int startsAt, long endsAt, double value,
                                 boolean flapping) {
            TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "BounceRateRising",
                    "severity", "warning", "kpi", "bounce_rate", "window", "1h", "team", "growth",
                    "tenant", "acme", "page", page));
            Transition tr = new Transition(phase, t(at), t(startsAt), endsAt, value, 0.3, (value - 0.3) / 0.3 * 100,
                    t(at) - HOUR, t(at), flapping);
            return new AlertEvent("web/BounceRateRising", "BounceRateRising", "warning", false, "fp-" + page,
                    "bounce_rate", "1h", labels, Map.of(), tr);
        }
    }

    /** A firing of the {@code funnel/MqlToSqlStalled} rule for acme/ads. */
    static AlertEvent stallFiring(int at) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "MqlToSqlStalled",
                "severity", "critical", "kpi", "mql_to_sql_rate", "window", "1h", "tenant", "acme",
                "channel", "ads"));
        Transition tr = new Transition(Transition.Phase.FIRING, t(at), t(at), AlertState.NO_TIME, 0, Double.NaN,
                Double.NaN, t(at) - HOUR, t(at), false);
        return new AlertEvent("funnel/MqlToSqlStalled", "MqlToSqlStalled", "critical", false, "fp-stall",
                "mql_to_sql_rate", "1h", labels, Map.of(), tr);
    }
}
