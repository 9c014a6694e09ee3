package dev.redflag.demo;

import dev.redflag.kpi.KpiFormat;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One scripted deviation from the baseline, placed relative to the simulation start so that a
 * script means the same thing whatever day the demo runs. The generator bends only the events the
 * incident targets, which lets tests and demo rules know exactly what should fire, where and when.
 *
 * <p>{@code magnitude} depends on the kind:
 * <ul>
 *   <li>{@link Kind#BOUNCE_SPIKE}: the bounce rate of page {@code target} (0..1);</li>
 *   <li>{@link Kind#MQL_SQL_STALL}: the share of due MQL→SQL transitions of channel
 *       {@code target} that still happen (0 = none: MQLs keep arriving, SQLs stop);</li>
 *   <li>{@link Kind#NPS_DROP}: the NPS, in points (−100..100), of segment {@code target};</li>
 *   <li>{@link Kind#CHURN_RISE}: a factor on the tenant's subscriber loss rate;
 *       {@code target} is null (the whole tenant);</li>
 *   <li>{@link Kind#CONVERSION_DROP}: a factor on the conversion rate of channel
 *       {@code target}.</li>
 * </ul>
 * The incident is active for event times in {@code [start, start + duration)} after the
 * simulation start. A bounce spike may be confined to a {@code slice} of its page's sessions,
 * {@code channel} and/or {@code device} values (empty: the whole page), the case a rule with
 * {@code slices:} finds while the page as a whole barely moves.
 */
public record Incident(Kind kind, String tenant, String target, Duration start, Duration duration,
                       double magnitude, Map<String, String> slice) {

    /** The dimensions a bounce spike may be confined to. */
    static final java.util.Set<String> SLICE_DIMENSIONS = java.util.Set.of("channel", "device");

    private static final KpiFormat RATIO = new KpiFormat(KpiFormat.Kind.RATIO, 1, "");
    private static final KpiFormat NPS = new KpiFormat(KpiFormat.Kind.POINTS, 1, "");


    public enum Kind {
        BOUNCE_SPIKE, MQL_SQL_STALL, NPS_DROP, CHURN_RISE, CONVERSION_DROP
    }

    /** An incident on the whole of its target. */
    public Incident(Kind kind, String tenant, String target, Duration start, Duration duration, double magnitude) {
        this(kind, tenant, target, start, duration, magnitude, Map.of());
    }

    public Incident {
        slice = slice == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(slice));
        if (!slice.isEmpty() && (kind != Kind.BOUNCE_SPIKE || !SLICE_DIMENSIONS.containsAll(slice.keySet()))) {
            throw new IllegalArgumentException("only a bounce spike may be confined to a slice, of channel and"
                    + " device; got " + kind + " " + slice);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (start.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("start must be >= 0 and duration > 0");
        }
        if ((kind == Kind.CHURN_RISE) != (target == null)) {
            throw new IllegalArgumentException(kind == Kind.CHURN_RISE
                    ? "CHURN_RISE applies to a whole tenant; target must be null"
                    : kind + " needs a target");
        }
        boolean ok = switch (kind) {
            case BOUNCE_SPIKE, MQL_SQL_STALL -> magnitude >= 0 && magnitude <= 1;
            case NPS_DROP -> magnitude >= -100 && magnitude <= 100;
            case CHURN_RISE, CONVERSION_DROP -> magnitude >= 0 && !Double.isInfinite(magnitude);
        };
        if (!ok) {
            throw new IllegalArgumentException("magnitude " + magnitude + " out of range for " + kind);
        }
    }

    /** The bounce rate of {@code page} becomes {@code bounceRate}. */
    public static Incident bounceSpike(String tenant, String page, double bounceRate,
                                       Duration start, Duration duration) {
        return new Incident(Kind.BOUNCE_SPIKE, tenant, page, start, duration, bounceRate);
    }

    /**
     * The bounce rate of the sessions of {@code page} in {@code slice} ({@code channel}, {@code device})
     * becomes {@code bounceRate}; the page's other sessions keep theirs.
     */
    public static Incident bounceSpike(String tenant, String page, Map<String, String> slice, double bounceRate,
                                       Duration start, Duration duration) {
        if (slice.isEmpty()) {
            throw new IllegalArgumentException("a slice names a channel, a device or both");
        }
        return new Incident(Kind.BOUNCE_SPIKE, tenant, page, start, duration, bounceRate, slice);
    }

    /** Whether a session of the incident's target with this channel and device is in its slice. */
    boolean inSlice(String channel, String device) {
        return slice.isEmpty() || (channel.equals(slice.getOrDefault("channel", channel))
                && device.equals(slice.getOrDefault("device", device)));
    }

    /** No MQL of {@code channel} becomes SQL while active; new MQLs keep arriving. */
    public static Incident mqlSqlStall(String tenant, String channel, Duration start,
                                       Duration duration) {
        return new Incident(Kind.MQL_SQL_STALL, tenant, channel, start, duration, 0);
    }

    /** Answers from {@code segment} have an NPS of {@code nps} points. */
    public static Incident npsDrop(String tenant, String segment, double nps, Duration start,
                                   Duration duration) {
        return new Incident(Kind.NPS_DROP, tenant, segment, start, duration, nps);
    }

    /** Subscribers are lost {@code factor} times as fast. */
    public static Incident churnRise(String tenant, double factor, Duration start,
                                     Duration duration) {
        return new Incident(Kind.CHURN_RISE, tenant, null, start, duration, factor);
    }

    /** Sessions from {@code channel} convert {@code factor} times as often. */
    public static Incident conversionDrop(String tenant, String channel, double factor,
                                          Duration start, Duration duration) {
        return new Incident(Kind.CONVERSION_DROP, tenant, channel, start, duration, factor);
    }

    public Duration end() {
        return start.plus(duration);
    }

    /** Whether the incident is active {@code sinceStart} after the simulation start. */
    public boolean activeAt(Duration sinceStart) {
        return activeAtMillis(sinceStart.toMillis());
    }

    boolean activeAtMillis(long sinceStartMillis) {
        return sinceStartMillis >= start.toMillis() && sinceStartMillis < end().toMillis();
    }

    /**
     * One line for people, numbers as alerts say them, e.g. {@code acme: bounce rate of /pricing at
     * 75%, +6h..+9h}, {@code globex: bounce rate of / for channel=email, device=mobile at 90%,
     * +33h..+36h} or {@code globex: conversion on channel ads −80%, +26h..+29h}.
     */
    public String describe() {
        String what = switch (kind) {
            case BOUNCE_SPIKE -> "bounce rate of " + target + (slice.isEmpty() ? "" : " for " + sliceText())
                    + " at " + RATIO.value(magnitude);
            case MQL_SQL_STALL -> magnitude == 0 ? "no MQL->SQL on channel " + target
                    : "MQL->SQL on channel " + target + " " + factor(magnitude);
            case NPS_DROP -> "NPS of segment " + target + " at " + NPS.value(magnitude);
            case CHURN_RISE -> "churn " + factor(magnitude);
            case CONVERSION_DROP -> "conversion on channel " + target + " " + factor(magnitude);
        };
        return tenant + ": " + what + ", " + offset(start) + ".." + offset(end());
    }

    /** The slice as alerts name it: {@code channel=email, device=mobile}. */
    private String sliceText() {
        StringBuilder out = new StringBuilder();
        slice.forEach((dim, value) -> out.append(out.isEmpty() ? "" : ", ").append(dim).append('=').append(value));
        return out.toString();
    }

    /** A multiplier as a change: 8 reads {@code ×8.0}, 0.2 reads {@code −80%}. */
    private static String factor(double multiplier) {
        return KpiFormat.PLAIN.change(multiplier, 1);
    }

    private static String offset(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? "+" + minutes / 60 + "h" : "+" + minutes + "m";
    }
}
