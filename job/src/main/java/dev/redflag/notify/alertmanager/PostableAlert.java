package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import dev.redflag.notify.GrafanaLink;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert as Alertmanager's API v2 takes it, and the rule that makes it from an alert event,
 * which follows Prometheus: a firing alert is valid until now + 4 × the resend interval and is
 * sent again before then, so Alertmanager resolves it by itself once it stops hearing about it
 * (the job is down, the alert's state was lost); a resolved alert carries the time it resolved.
 * Pending alerts are not news to anybody yet, and shadow rules are never notified.
 *
 * @param labels       the alert's identity in Alertmanager; labels with an empty value are left
 *                     out, since in Prometheus' model an empty label is no label
 * @param annotations  the rendered annotations, and the alert's {@code value}, {@code baseline}
 *                     and {@code change} as people read them ({@code 66.7%}, {@code +21 points})
 *                     where known and the rule has no annotation of that name; with a Grafana
 *                     URL also {@code chart_url} and {@code dashboard_url}, the KPI's panel and
 *                     dashboard over the firing period ({@link GrafanaLink#chart}, {@link GrafanaLink#dashboard})
 * @param startsAt     when it fired; null to let Alertmanager use the time it hears of it
 * @param endsAt       firing: until when it is valid; resolved: when it resolved
 * @param generatorURL link back to the alert's series, null for none
 */
public record PostableAlert(SortedMap<String, String> labels, SortedMap<String, String> annotations,
                            Instant startsAt, Instant endsAt, String generatorURL) {

    public PostableAlert {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
        Objects.requireNonNull(endsAt, "endsAt");
    }

    /** Whether Alertmanager hears of this event at all: firing or resolved, and not from a shadow rule. */
    public static boolean sendable(AlertEvent alert) {
        return !alert.shadow()
                && (alert.phase() == Transition.Phase.FIRING || alert.phase() == Transition.Phase.RESOLVED);
    }

    /**
     * The alert to post at {@code now}; empty for events Alertmanager does not hear of.
     *
     * @param grafanaBaseUrl base of {@link GrafanaLink}, null for no generatorURL
     */
    public static Optional<PostableAlert> of(AlertEvent alert, Instant now, Duration resendInterval,
                                             String grafanaBaseUrl) {
        if (!sendable(alert)) {
            return Optional.empty();
        }
        Transition t = alert.transition();
        Instant startsAt = t.startsAt() == AlertState.NO_TIME ? null : Instant.ofEpochMilli(t.startsAt());
        Instant endsAt = switch (t.phase()) {
            // startsAt is event time, which may run ahead of the wall clock (up to the job's future
            // skew); Alertmanager rejects an alert that ends before it starts, so validity then counts from startsAt
            case FIRING -> latest(now, startsAt).plus(resendInterval.multipliedBy(AlertmanagerSettings.EXPIRY_FACTOR));
            case RESOLVED -> Instant.ofEpochMilli(t.endsAt() != AlertState.NO_TIME ? t.endsAt() : t.at());
            case PENDING -> throw new IllegalStateException("not sendable: " + t.phase());
        };
        SortedMap<String, String> labels = new TreeMap<>();
        alert.labels().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                labels.put(name, value);
            }
        });
        SortedMap<String, String> annotations = new TreeMap<>();
        alert.annotations().forEach((name, value) -> annotations.put(name, value == null ? "" : value));
        readable(annotations, "value", alert.valueText().value());
        readable(annotations, "baseline", alert.valueText().baseline());
        readable(annotations, "change", alert.valueText().change());
        String generatorUrl = grafanaBaseUrl == null ? null : GrafanaLink.of(grafanaBaseUrl, alert);
        // where Alertmanager's receivers cannot take the PNG: the KPI's panel over the firing period
        GrafanaLink.links(grafanaBaseUrl, alert).forEach((name, url) -> readable(annotations, name, url));
        return Optional.of(new PostableAlert(labels, annotations, startsAt, endsAt, generatorUrl));
    }

    /** Receivers' templates read {@code .Annotations.value}; a rule's own annotation of the name wins. */
    private static void readable(SortedMap<String, String> annotations, String name, String text) {
        if (text != null && !text.isEmpty()) {
            annotations.putIfAbsent(name, text);
        }
    }

    private static Instant latest(Instant now, Instant startsAt) {
        return startsAt != null && startsAt.isAfter(now) ? startsAt : now;
    }

    /** {@link #of(AlertEvent, Instant, Duration, String)} with the settings' interval and Grafana. */
    public static Optional<PostableAlert> of(AlertEvent alert, Instant now, AlertmanagerSettings settings) {
        return of(alert, now, settings.resendInterval(), settings.grafanaBaseUrl());
    }
}
