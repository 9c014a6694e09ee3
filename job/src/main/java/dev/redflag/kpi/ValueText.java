package dev.redflag.kpi;

import java.io.Serial;
import java.io.Serializable;

/**
 * An alert's numbers as people read them ({@code 66.7%}, {@code 40%}, {@code +26.7 points}), made
 * by the {@link KpiFormat} of its KPI next to the raw numbers, which stay as they are. Each is ""
 * when its number is unknown.
 */
public record ValueText(String value, String baseline, String change) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final ValueText NONE = new ValueText("", "", "");

    public ValueText {
        value = value == null ? "" : value;
        baseline = baseline == null ? "" : baseline;
        change = change == null ? "" : change;
    }
}
