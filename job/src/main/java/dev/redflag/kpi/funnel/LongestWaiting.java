package dev.redflag.kpi.funnel;

import dev.redflag.kpi.Example;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MQLs of one funnel key that have waited longest, mql_to_sql_rate's examples: up to
 * 2 × {@code max} of the oldest waiting leads, oldest first, each an {@link Example} of its MQL time,
 * lead ID and shown fields, in keyed list state.
 *
 * <p>The list is always the oldest waiting leads, as many as it holds: facts are applied in event
 * time order, so a lead entering the pool is the youngest, and one that leaves takes nothing older
 * with it. While {@code complete} (every waiting lead is in the list), an entering lead is appended
 * if there is room; once one did not fit, the leads beyond the list are known only to the lead
 * state, and when the list falls below {@code max} the next boundary refills it with one pass over
 * that state. Keeping twice what is shown spaces those passes: {@code max} of the kept leads must
 * leave first.
 */
final class LongestWaiting {

    private final int max;
    private final ListState<Example> oldest;
    /** true: the list holds every waiting lead; null (a new key, or state from before) or false: not known to. */
    private final ValueState<Boolean> complete;

    LongestWaiting(int max, ListState<Example> oldest, ValueState<Boolean> complete) {
        this.max = max;
        this.oldest = oldest;
        this.complete = complete;
    }

    private int capacity() {
        return 2 * max;
    }

    /** A lead entering the pool at {@code mqlTs}, the youngest waiting. */
    void entered(String leadId, long mqlTs, Example example) throws Exception {
        if (!Boolean.TRUE.equals(complete.value())) {
            return;
        }
        if (size() < capacity()) {
            oldest.add(entry(leadId, mqlTs, example));
        } else {
            complete.update(false);
        }
    }

    /** A lead leaving the pool (SQL, lost or expired). */
    void left(String leadId) throws Exception {
        List<Example> kept = read();
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).id().equals(leadId)) {
                kept.remove(i);
                oldest.update(kept);
                return;
            }
        }
    }

    /**
     * The {@code max} leads waiting longest that became MQL before {@code at}, oldest first, with
     * their IDs unless {@code withIds} is false; refilled from {@code leads} first if need be.
     */
    List<Example> at(long at, boolean withIds, MapState<String, LeadState> leads) throws Exception {
        List<Example> kept = read();
        if (kept.size() < max && !Boolean.TRUE.equals(complete.value())) {
            kept = refill(leads);
        }
        List<Example> out = new ArrayList<>(Math.min(max, kept.size()));
        for (Example e : kept) {
            if (out.size() == max) {
                break;
            }
            if (e.ts() < at) {
                out.add(withIds ? e : new Example(e.ts(), null, e.fields()));
            }
        }
        return out;
    }

    /** The oldest waiting leads in the lead state, as many as the list holds; marks the list complete if that is all. */
    private List<Example> refill(MapState<String, LeadState> leads) throws Exception {
        List<Example> best = new ArrayList<>(capacity() + 1);
        boolean more = false;
        for (Map.Entry<String, LeadState> e : leads.entries()) {
            LeadState lead = e.getValue();
            if (!lead.isWaitingExample()) {
                continue;
            }
            Example candidate = entry(e.getKey(), lead.mqlTs, lead.example);
            int at = best.size();
            while (at > 0 && older(candidate, best.get(at - 1))) {
                at--;
            }
            if (at < capacity()) {
                best.add(at, candidate);
                if (best.size() > capacity()) {
                    best.remove(capacity());
                    more = true;
                }
            } else {
                more = true;
            }
        }
        oldest.update(best);
        complete.update(!more);
        return best;
    }

    /** Older MQL time first; equal times by lead ID, so that a refill is deterministic. */
    private static boolean older(Example a, Example b) {
        return a.ts() < b.ts() || (a.ts() == b.ts() && a.id().compareTo(b.id()) < 0);
    }

    private static Example entry(String leadId, long mqlTs, Example example) {
        return new Example(mqlTs, leadId, example == null ? List.of() : example.fields());
    }

    private int size() throws Exception {
        int n = 0;
        Iterable<Example> stored = oldest.get();
        if (stored != null) {
            for (Example ignored : stored) {
                n++;
            }
        }
        return n;
    }

    private List<Example> read() throws Exception {
        List<Example> kept = new ArrayList<>(capacity());
        Iterable<Example> stored = oldest.get();
        if (stored != null) {
            stored.forEach(kept::add);
        }
        return kept;
    }
}
