package dev.redflag.backtest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert transitions of a backtest folded into firing periods per alert: people judge a rule by
 * when and how long it fired, not by its individual transitions. FIRING opens a period at its
 * {@code startsAt}, RESOLVED closes it at its {@code endsAt}; a period still open at the end of
 * history stays open-ended. A PENDING that is followed by no FIRING is counted per rule instead,
 * because "almost fired" is worth knowing when tuning {@code for}.
 *
 * @param periods         firing periods ordered by start, then rule, then series
 * @param pendingNotFired per rule id: how often an alert went pending and never fired
 */
public record Timeline(List<FiringPeriod> periods, Map<String, Integer> pendingNotFired) {

    public Timeline {
        periods = List.copyOf(periods);
        pendingNotFired = java.util.Collections.unmodifiableMap(new TreeMap<>(pendingNotFired));
    }

    /** @param transitions in time order, as {@code OfflineKpis} returns them */
    public static Timeline of(List<AlertEvent> transitions, KpiCatalog catalog) {
        Map<String, AlertEvent> pending = new HashMap<>();
        Map<String, FiringPeriod> open = new HashMap<>();
        List<FiringPeriod> closed = new ArrayList<>();
        Map<String, Integer> notFired = new TreeMap<>();
        for (AlertEvent e : transitions) {
            Transition t = e.transition();
            String fp = e.fingerprint();
            switch (t.phase()) {
                case PENDING -> {
                    AlertEvent earlier = pending.put(fp, e);
                    if (earlier != null) {
                        notFired.merge(e.ruleId(), 1, Integer::sum);
                    }
                }
                case FIRING -> {
                    AlertEvent before = pending.remove(fp);
                    if (!open.containsKey(fp)) {
                        open.put(fp, new FiringPeriod(e.ruleId(), e.alertname(), e.severity(), e.shadow(), fp,
                                AlertSeries.of(e, catalog),
                                before == null ? AlertState.NO_TIME : before.transition().startsAt(),
                                t.startsAt(), Long.MAX_VALUE, t.flapping(), t.value(), t.baseline(),
                                e.annotations().getOrDefault(AlertEvent.EXAMPLES, "").lines()
                                        .filter(l -> !l.isBlank()).toList()));
                    }
                }
                case RESOLVED -> {
                    FiringPeriod p = open.remove(fp);
                    if (p != null) {
                        closed.add(p.resolved(t.endsAt() == AlertState.NO_TIME ? t.at() : t.endsAt(), t.flapping()));
                    }
                }
            }
        }
        pending.values().forEach(e -> notFired.merge(e.ruleId(), 1, Integer::sum));
        closed.addAll(open.values());
        closed.sort(Comparator.comparingLong(FiringPeriod::start).thenComparing(FiringPeriod::ruleId)
                .thenComparing(p -> p.series().title()));
        return new Timeline(closed, notFired);
    }

    /** The firing periods of one rule. */
    public List<FiringPeriod> of(String ruleId) {
        return periods.stream().filter(p -> p.ruleId().equals(ruleId)).toList();
    }
}
