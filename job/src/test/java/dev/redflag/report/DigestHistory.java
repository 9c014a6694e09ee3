package dev.redflag.report;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-built week of alerts and feedback, for the digest's exact tests, as the alerts topic and
 * the feedback topic would hold it. The report covers 2026-11-30 00:00 to 2026-12-07 00:00 UTC:
 *
 * <pre>
 * web/BounceRateRising /pricing  11-29 22:00..11-30 01:00  before the span: left out (its verdict too)
 *                      /pricing  12-01 10:00..11:30  1h30m  real            acknowledged after 4m
 *                      /pricing  12-02 08:00..08:45  45m    false alarm, then real (the later counts)  10m
 *                      /blog     12-03 09:00..12:00  3h     false alarm     30m
 *                      /blog     12-04 pending only: not a period
 *                      /pricing  12-05 14:00..15:00  1h     no verdict, not acknowledged
 * funnel/MqlToSqlStalled ads     12-06 20:00..       4h until the end (resolved 12-07 01:00, after it)  real  2m
 * web/ShadowCheck (shadow)       12-02 00:00..01:00  left out: shadow alerts reach no one
 * </pre>
 */
final class DigestHistory {

    static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-12-07T00:00:00Z");

    private DigestHistory() {
    }

    static List<AlertEvent> transitions() {
        List<AlertEvent> t = new ArrayList<>();
        t.add(bounce("/pricing", Transition.Phase.FIRING, "2026-11-29T22:00:00Z", "2026-11-29T22:00:00Z", null));
        t.add(bounce("/pricing", Transition.Phase.RESOLVED, "2026-11-30T01:00:00Z", "2026-11-29T22:00:00Z",
                "2026-11-30T01:00:00Z"));
        period(t, "/pricing", "2026-12-01T10:00:00Z", "2026-12-01T11:30:00Z");
        period(t, "/pricing", "2026-12-02T08:00:00Z", "2026-12-02T08:45:00Z");
        period(t, "/blog", "2026-12-03T09:00:00Z", "2026-12-03T12:00:00Z");
        t.add(bounce("/blog", Transition.Phase.PENDING, "2026-12-04T09:00:00Z", "2026-12-04T09:00:00Z", null));
        period(t, "/pricing", "2026-12-05T14:00:00Z", "2026-12-05T15:00:00Z");
        t.add(stall(Transition.Phase.FIRING, "2026-12-06T20:00:00Z", null));
        t.add(stall(Transition.Phase.RESOLVED, "2026-12-07T01:00:00Z", "2026-12-07T01:00:00Z"));
        t.add(shadow(Transition.Phase.FIRING, "2026-12-02T00:00:00Z", null));
        t.add(shadow(Transition.Phase.RESOLVED, "2026-12-02T01:00:00Z", "2026-12-02T01:00:00Z"));
        return t;
    }

    static List<Feedback> feedback() {
        return List.of(
                feedback(FeedbackAction.REAL_PROBLEM, "fp-/pricing", "2026-11-29T22:00:00Z", "2026-11-29T23:00:00Z"),
                feedback(FeedbackAction.ACKNOWLEDGE, "fp-/pricing", "2026-12-01T10:00:00Z", "2026-12-01T10:04:00Z"),
                feedback(FeedbackAction.REAL_PROBLEM, "fp-/pricing", "2026-12-01T10:00:00Z", "2026-12-01T10:20:00Z"),
                feedback(FeedbackAction.ACKNOWLEDGE, "fp-/pricing", "2026-12-02T08:00:00Z", "2026-12-02T08:10:00Z"),
                // a second acknowledgement: the first counts
                feedback(FeedbackAction.ACKNOWLEDGE, "fp-/pricing", "2026-12-02T08:00:00Z", "2026-12-02T08:40:00Z"),
                feedback(FeedbackAction.REAL_PROBLEM, "fp-/pricing", "2026-12-02T08:00:00Z", "2026-12-02T09:30:00Z"),
                // written after the later verdict (as a partition may deliver it), given before it
                feedback(FeedbackAction.FALSE_ALARM, "fp-/pricing", "2026-12-02T08:00:00Z", "2026-12-02T09:00:00Z"),
                feedback(FeedbackAction.SNOOZE, "fp-/blog", "2026-12-03T09:00:00Z", "2026-12-03T09:20:00Z"),
                feedback(FeedbackAction.ACKNOWLEDGE, "fp-/blog", "2026-12-03T09:00:00Z", "2026-12-03T09:30:00Z"),
                feedback(FeedbackAction.FALSE_ALARM, "fp-/blog", "2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z"),
                feedback(FeedbackAction.ACKNOWLEDGE, "fp-stall", "2026-12-06T20:00:00Z", "2026-12-06T20:02:00Z"),
                feedback(FeedbackAction.REAL_PROBLEM, "fp-stall", "2026-12-06T20:00:00Z", "2026-12-06T21:00:00Z"));
    }

    /**
     * The transitions as the alerts topic holds them, one JSON line each, followed by the verdicts
     * the job writes there too (records of {@code "kind":"feedback"}, which the digest passes over).
     */
    static String alertLines() {
        AlertEventJson json = new AlertEventJson();
        StringBuilder out = new StringBuilder();
        transitions().forEach(e -> out.append(json.write(e)).append('\n'));
        feedback().stream().filter(f -> f.verdict().isPresent())
                .forEach(f -> out.append(f.toAlertsTopicJson()).append('\n'));
        return out.toString();
    }

    static String feedbackLines() {
        StringBuilder out = new StringBuilder();
        feedback().forEach(f -> out.append(f.toJson()).append('\n'));
        return out.toString();
    }

    /** Rules in force: the two that fire and one that never does. */
    static final String RULES = """
            groups:
              - name: web
                rules:
                  - alert: BounceRateRising
                    kpi: bounce_rate
                    when: {change: rise, percent: 25}
                    severity: warning
                  - alert: CheckoutDrop
                    kpi: conversion_rate
                    when: {change: drop, percent: 30}
                    severity: critical
              - name: funnel
                rules:
                  - alert: MqlToSqlStalled
                    kpi: mql_to_sql_rate
                    when: {stall: true}
                    severity: critical
            """;

    private static void period(List<AlertEvent> t, String page, String start, String end) {
        t.add(bounce(page, Transition.Phase.FIRING, start, start, null));
        t.add(bounce(page, Transition.Phase.RESOLVED, end, start, end));
    }

    private static AlertEvent bounce(String page, Transition.Phase phase, String at, String startsAt, String endsAt) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "BounceRateRising",
                "severity", "warning", "kpi", "bounce_rate", "window", "1h", "tenant", "acme", "page", page));
        return new AlertEvent("web/BounceRateRising", "BounceRateRising", "warning", false, "fp-" + page,
                "bounce_rate", "1h", labels, Map.of(), transition(phase, at, startsAt, endsAt));
    }

    private static AlertEvent stall(Transition.Phase phase, String at, String endsAt) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "MqlToSqlStalled",
                "severity", "critical", "kpi", "mql_to_sql_rate", "window", "1h", "tenant", "acme",
                "channel", "ads"));
        return new AlertEvent("funnel/MqlToSqlStalled", "MqlToSqlStalled", "critical", false, "fp-stall",
                "mql_to_sql_rate", "1h", labels, Map.of(), transition(phase, at, "2026-12-06T20:00:00Z", endsAt));
    }

    private static AlertEvent shadow(Transition.Phase phase, String at, String endsAt) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "ShadowCheck",
                "severity", "info", "kpi", "bounce_rate", "window", "1h", "tenant", "acme", "page", "/"));
        return new AlertEvent("web/ShadowCheck", "ShadowCheck", "info", true, "fp-shadow",
                "bounce_rate", "1h", labels, Map.of(), transition(phase, at, "2026-12-02T00:00:00Z", endsAt));
    }

    private static Transition transition(Transition.Phase phase, String at, String startsAt, String endsAt) {
        long a = Instant.parse(at).toEpochMilli();
        return new Transition(phase, a, Instant.parse(startsAt).toEpochMilli(),
                endsAt == null ? AlertState.NO_TIME : Instant.parse(endsAt).toEpochMilli(), 0.5, 0.3, 66.7,
                a - 3_600_000L, a, false);
    }

    private static Feedback feedback(FeedbackAction action, String fingerprint, String startsAt, String at) {
        boolean bounce = !fingerprint.equals("fp-stall");
        TreeMap<String, String> labels = new TreeMap<>(bounce
                ? Map.of("alertname", "BounceRateRising", "kpi", "bounce_rate", "page", fingerprint.substring(3))
                : Map.of("alertname", "MqlToSqlStalled", "kpi", "mql_to_sql_rate", "channel", "ads"));
        return new Feedback(action, "U0ALICE", "alice", fingerprint, Instant.parse(startsAt),
                bounce ? "web/BounceRateRising" : "funnel/MqlToSqlStalled",
                bounce ? "BounceRateRising" : "MqlToSqlStalled", labels, "growth", null,
                action == FeedbackAction.SNOOZE ? Instant.parse(at).plusSeconds(3600) : null,
                action == FeedbackAction.SNOOZE ? "0c39322a" : null, Instant.parse(at));
    }
}
