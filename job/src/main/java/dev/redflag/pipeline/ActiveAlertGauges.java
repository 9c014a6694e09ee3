package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.metrics.AlertGauges;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code redflag_alerts} series of one subtask of a rule operator: the alerts of the keys it
 * owns that are pending or firing (live rules only; shadow rules never page, so they are not
 * "alerts" in Prometheus' sense and show in the transition counters instead).
 *
 * <p><b>Fed by the operator, not by a sink of transitions.</b> A pending alert whose condition
 * stops before its {@code for} goes back to inactive without a transition, and a rule dropped from
 * the rule set takes its pending alerts along silently; only the operator that holds the alert
 * state sees those. And an alert is exported by the subtask that owns its key, so no two
 * TaskManagers ever export the same alert.
 *
 * <p><b>Restarts and rescaling.</b> What is exported is kept in union operator state, checkpointed
 * with the keyed alert state it mirrors. On restore every subtask gets every entry and keeps those
 * whose key falls into its key groups, so after a restart or a rescale the firing alerts are back
 * on the endpoint at once (not at their next transition), and none stays on a subtask that no
 * longer owns it. A closing subtask removes its series from the endpoint.
 */
final class ActiveAlertGauges {

    /** Entries as {@code [key, rule id, state, label, value, label, value, ...]}. */
    static final ListStateDescriptor<String[]> STATE =
            new ListStateDescriptor<>("redflag-alerts-gauge", Types.OBJECT_ARRAY(Types.STRING));

    private record Entry(String state, SortedMap<String, String> labels, AlertGauges.Series series) {
    }

    /** Key → rule id → exported alert. */
    private final Map<String, Map<String, Entry>> byKey = new HashMap<>();
    private ListState<String[]> checkpointed;
    private AlertGauges gauges;

    /**
     * Takes the operator state and, on restore, the entries of the keys this subtask owns now;
     * call from {@code initializeState}.
     */
    static ActiveAlertGauges initialize(FunctionInitializationContext context, RuntimeContext runtime)
            throws Exception {
        ActiveAlertGauges active = new ActiveAlertGauges();
        active.checkpointed = context.getOperatorStateStore().getUnionListState(STATE);
        if (context.isRestored()) {
            int maxParallelism = runtime.getTaskInfo().getMaxNumberOfParallelSubtasks();
            int parallelism = runtime.getTaskInfo().getNumberOfParallelSubtasks();
            int subtask = runtime.getTaskInfo().getIndexOfThisSubtask();
            for (String[] entry : active.checkpointed.get()) {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(entry[0], maxParallelism, parallelism)
                        == subtask) {
                    active.restore(entry);
                }
            }
        }
        return active;
    }

    /** Starts exporting to {@code gauges}, the alerts restored so far included. */
    void export(AlertGauges to) {
        gauges = to;
        for (Map<String, Entry> rules : byKey.values()) {
            rules.replaceAll((rule, e) -> new Entry(e.state(), e.labels(), to.add(e.state(), e.labels())));
        }
    }

    /** Removes this subtask's series from the endpoint; call from {@code close}. */
    void close() {
        if (gauges != null) {
            byKey.values().forEach(rules -> rules.values().forEach(e -> gauges.remove(e.series())));
            gauges = null;
        }
    }

    /** A transition emitted for {@code key}. */
    void transition(String key, AlertEvent e) {
        if (e.shadow() || e.phase() == Transition.Phase.RESOLVED) {
            inactive(key, e.ruleId());
            return;
        }
        String state = e.phase().name().toLowerCase(Locale.ROOT);
        Map<String, Entry> rules = byKey.computeIfAbsent(key, k -> new HashMap<>());
        Entry old = rules.get(e.ruleId());
        if (old != null && old.state().equals(state) && old.labels().equals(e.labels())) {
            return; // re-emitted after a restore: still one alert
        }
        if (old != null && gauges != null) {
            gauges.remove(old.series());
        }
        rules.put(e.ruleId(), new Entry(state, e.labels(), gauges == null ? null : gauges.add(state, e.labels())));
    }

    /**
     * The alert of {@code ruleId} at {@code key} is inactive (resolved, or pending no more). Called
     * for every judged rule of every value, so the common case is one map lookup.
     */
    void inactive(String key, String ruleId) {
        Map<String, Entry> rules = byKey.get(key);
        if (rules == null) {
            return;
        }
        Entry gone = rules.remove(ruleId);
        if (gone != null && gauges != null) {
            gauges.remove(gone.series());
        }
        if (rules.isEmpty()) {
            byKey.remove(key);
        }
    }

    /** A new rule set dropped the rule: its alerts at every key are gone. */
    void ruleDropped(String ruleId) {
        Iterator<Map.Entry<String, Map<String, Entry>>> keys = byKey.entrySet().iterator();
        while (keys.hasNext()) {
            Map<String, Entry> rules = keys.next().getValue();
            Entry gone = rules.remove(ruleId);
            if (gone != null && gauges != null) {
                gauges.remove(gone.series());
            }
            if (rules.isEmpty()) {
                keys.remove();
            }
        }
    }

    /** Writes the exported alerts to the operator state; call from {@code snapshotState}. */
    void snapshot() throws Exception {
        List<String[]> entries = new ArrayList<>();
        byKey.forEach((key, rules) -> rules.forEach((rule, e) -> {
            String[] entry = new String[3 + 2 * e.labels().size()];
            entry[0] = key;
            entry[1] = rule;
            entry[2] = e.state();
            int i = 3;
            for (Map.Entry<String, String> label : e.labels().entrySet()) {
                entry[i++] = label.getKey();
                entry[i++] = label.getValue();
            }
            entries.add(entry);
        }));
        checkpointed.update(entries);
    }

    private void restore(String[] entry) {
        SortedMap<String, String> labels = new TreeMap<>();
        for (int i = 3; i + 1 < entry.length; i += 2) {
            labels.put(entry[i], entry[i + 1]);
        }
        byKey.computeIfAbsent(entry[0], k -> new HashMap<>()).put(entry[1], new Entry(entry[2], labels, null));
    }

    /** How many alerts this subtask exports (for tests). */
    int size() {
        return byKey.values().stream().mapToInt(Map::size).sum();
    }
}
