package dev.redflag.rules.eval;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.Baseline;
import dev.redflag.rules.Condition.Direction;
import dev.redflag.rules.Rule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rules, conditions and KPI values for evaluation and lifecycle tests, built without YAML. */
public final class TestRules {

    /** Monday 2026-11-23 10:00 UTC. */
    public static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    public static final long MINUTE = 60_000L;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;
    public static final long WEEK = 7 * DAY;

    private TestRules() {
    }

    public static Builder rule(Condition condition) {
        return new Builder(condition);
    }

    public static final class Builder {
        private final Condition condition;
        private String alert = "BounceRateRising";
        private long minSample;
        private Duration pendingFor = Duration.ZERO;
        private Duration keepFiringFor = Duration.ZERO;
        private Condition recovery;
        private String severity = "warning";
        private Map<String, String> labels = Map.of();

        private Builder(Condition condition) {
            this.condition = condition;
        }

        public Builder alert(String name) {
            this.alert = name;
            return this;
        }

        public Builder minSample(long n) {
            this.minSample = n;
            return this;
        }

        public Builder pendingFor(Duration d) {
            this.pendingFor = d;
            return this;
        }

        public Builder keepFiringFor(Duration d) {
            this.keepFiringFor = d;
            return this;
        }

        public Builder recovery(Condition c) {
            this.recovery = c;
            return this;
        }

        public Builder severity(String s) {
            this.severity = s;
            return this;
        }

        public Builder labels(Map<String, String> l) {
            this.labels = l;
            return this;
        }

        public Rule build() {
            return new Rule("web-engagement", alert, "bounce_rate", "1h", List.of(), condition, minSample,
                    pendingFor, keepFiringFor, recovery, severity, labels, Map.of(), Rule.Mode.LIVE, "test.yaml:1:1");
        }
    }

    public static Condition above(double v) {
        return new Condition.Threshold(Direction.UP, v);
    }

    public static Condition below(double v) {
        return new Condition.Threshold(Direction.DOWN, v);
    }

    public static Condition risePercent(double percent, Baseline baseline) {
        return new Condition.Change(Direction.UP, percent, Double.NaN, baseline);
    }

    public static Condition dropPercent(double percent, Baseline baseline) {
        return new Condition.Change(Direction.DOWN, percent, Double.NaN, baseline);
    }

    public static Condition riseBy(double absolute, Baseline baseline) {
        return new Condition.Change(Direction.UP, Double.NaN, absolute, baseline);
    }

    public static Baseline previousWindow() {
        return new Baseline(Baseline.Kind.PREVIOUS_WINDOW, 1);
    }

    public static Baseline trailingMean(int windows) {
        return new Baseline(Baseline.Kind.TRAILING_MEAN, windows);
    }

    public static Baseline sameHourLastWeek() {
        return new Baseline(Baseline.Kind.SAME_HOUR_LAST_WEEK, 1);
    }

    public static Baseline sameWeekday(int weeks) {
        return new Baseline(Baseline.Kind.SAME_WEEKDAY, weeks);
    }

    /** A bounce_rate value for the hour starting at {@code start}: numerator / denominator. */
    public static KpiValue ratio(long start, double numerator, double denominator) {
        return new KpiValue("bounce_rate", "1h", Map.of("page", "/pricing"), start, start + HOUR,
                denominator > 0 ? numerator / denominator : Double.NaN, numerator, denominator, (long) denominator);
    }

    /** A non-ratio value (e.g. revenue) for the hour starting at {@code start}. */
    public static KpiValue plain(long start, double value, long sample) {
        return new KpiValue("bounce_rate", "1h", Map.of("page", "/pricing"), start, start + HOUR, value,
                Double.NaN, Double.NaN, sample);
    }

    /** A history of plain values for consecutive hours ending just before {@code latestStart}. */
    public static SeriesHistory hoursBefore(long latestStart, double... values) {
        SeriesHistory h = new SeriesHistory(Math.max(1, values.length + 1));
        for (int i = 0; i < values.length; i++) {
            h.add(plain(latestStart - (values.length - i) * HOUR, values[i], 1000));
        }
        return h;
    }
}
