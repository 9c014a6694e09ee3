package dev.redflag.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * What explains a change of a series against its baseline, by its slices ({@link SliceExplainer}).
 *
 * @param verdict       which of the four answers it is
 * @param ratio         the KPI is a ratio (rates and shares of the denominator) rather than a total
 * @param baselineValue the parent's baseline, raw units (rate, or total per window)
 * @param currentValue  the parent's value in the window
 * @param named         the slices the explanation names, most explanatory first; empty for
 *                      {@link Verdict#ACROSS_ALL} and {@link Verdict#NO_CHANGE}
 * @param ranked        every slice of every dimension, by explanatory power, then surprise
 */
public record Explanation(Verdict verdict, boolean ratio, double baselineValue, double currentValue,
                          List<SliceChange> named, List<SliceChange> ranked) {

    public enum Verdict {
        /** Slices of one dimension (or pair) explain the change, and the rest of the series did not move. */
        SLICES,
        /** Traffic moved between slices whose rates held: the change is one of mix. */
        MIX,
        /** Every slice moved alike: none is singled out. */
        ACROSS_ALL,
        /** Nothing changed, or no slices to tell. */
        NO_CHANGE
    }

    public Explanation {
        named = List.copyOf(named);
        ranked = List.copyOf(ranked);
    }

    /** The parent's change, raw units. */
    public double change() {
        return currentValue - baselineValue;
    }

    /**
     * One line per named slice, {@code channel=paid, device=mobile: 41% → 90% on 17% of sessions,
     * 84% of the rise}; {@code across all slices: 40% → 60%} when no slice is singled out. Values are
     * shown times {@code scale} by {@code shown}, the KPI's format ({@code 3.59%} for a ratio, {@code +27}
     * for NPS), so they read as the alert's headline does; shares are whole percentages. {@code units}
     * names the denominator ({@code sessions}). Simple on purpose: the numbers stay raw in the records.
     */
    public List<String> lines(String units, double scale, DoubleFunction<String> shown) {
        String word = change() >= 0 ? "rise" : "drop";
        List<String> out = new ArrayList<>();
        switch (verdict) {
            case NO_CHANGE -> {
            }
            case ACROSS_ALL -> out.add("across all slices: " + value(baselineValue, scale, shown) + " → "
                    + value(currentValue, scale, shown));
            default -> {
                for (SliceChange c : named) {
                    StringBuilder line = new StringBuilder(SliceNames.label(c.slice())).append(": ")
                            .append(value(c.baselineValue(), scale, shown)).append(" → ")
                            .append(value(c.currentValue(), scale, shown));
                    if (ratio) {
                        line.append(" on ").append(percent(c.currentShare())).append(" of ").append(units);
                        if (c.mostlyMix()) {
                            line.append(" (").append(percent(c.baselineShare())).append(" before)");
                        }
                    }
                    // more than all of it when other slices moved the other way: "all" reads true, 164% puzzles
                    line.append(", ").append(c.explanatoryPower() >= 1 ? "all" : percent(c.explanatoryPower()))
                            .append(" of the ").append(word);
                    if (c.mostlyMix()) {
                        line.append(", by mix");
                    }
                    out.add(line.toString());
                }
            }
        }
        return out;
    }

    private static String value(double raw, double scale, DoubleFunction<String> shown) {
        return shown.apply(raw * scale);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
