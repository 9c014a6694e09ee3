package dev.redflag.alert.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Each rule's precision from people's verdicts: the firing periods judged a real problem over all
 * the judged ones. A period counts once, with its latest verdict, so a second click (or a change
 * of mind) replaces the first instead of counting twice.
 */
public final class VerdictTally {

    /** Rule to firing period ({@code fingerprint@startsAt}) to its latest verdict. */
    private final Map<String, Map<String, Feedback>> byRule = new TreeMap<>();

    /**
     * Takes a verdict into its rule's tally; feedback without a verdict is ignored.
     *
     * @return the rule's precision after it
     */
    public OptionalDouble record(Feedback verdict) {
        if (verdict.verdict().isEmpty()) {
            return precision(verdict.ruleId());
        }
        String period = verdict.fingerprint() + '@' + verdict.startsAt().toEpochMilli();
        byRule.computeIfAbsent(verdict.ruleId(), r -> new TreeMap<>()).merge(period, verdict,
                (old, given) -> given.at().isBefore(old.at()) ? old : given);
        return precision(verdict.ruleId());
    }

    /** Real / (real + false alarm) over the rule's judged periods; empty before its first verdict. */
    public OptionalDouble precision(String ruleId) {
        Map<String, Feedback> periods = byRule.get(ruleId);
        if (periods == null || periods.isEmpty()) {
            return OptionalDouble.empty();
        }
        long real = periods.values().stream().filter(f -> f.verdict().orElseThrow() == Verdict.REAL).count();
        return OptionalDouble.of((double) real / periods.size());
    }

    /** Every rule's precision, by rule. */
    public Map<String, Double> precisions() {
        Map<String, Double> all = new TreeMap<>();
        byRule.keySet().forEach(rule -> precision(rule).ifPresent(p -> all.put(rule, p)));
        return all;
    }

    /** The latest verdict of every judged period: what a checkpoint keeps, and {@link #record} restores. */
    public List<Feedback> verdicts() {
        List<Feedback> all = new ArrayList<>();
        byRule.values().forEach(periods -> all.addAll(periods.values()));
        return all;
    }
}
