package dev.redflag.notify.alertmanager;

import dev.redflag.notify.delivery.RetryPolicy;

import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where alerts go and how often firing ones are repeated.
 *
 * @param urls           base URLs of the Alertmanagers; every alert goes to every one of them, as
 *                       Prometheus does, since the members of an Alertmanager cluster do not
 *                       forward alerts to each other
 * @param resendInterval how often a firing alert is sent again; a firing alert is sent with
 *                       {@code endsAt} = now + {@value #EXPIRY_FACTOR} × this, so an alert that stops
 *                       being sent (the job is down) resolves by itself in Alertmanager
 * @param grafanaBaseUrl base URL of the Grafana with the KPI dashboard, for {@code generatorURL};
 *                       null (or blank) to send no generatorURL
 * @param retry          how often one post to one Alertmanager is tried
 */
public record AlertmanagerSettings(List<URI> urls, Duration resendInterval, String grafanaBaseUrl, RetryPolicy retry)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Prometheus' {@code --rules.alert.resend-delay} default. */
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);

    /** Prometheus' rule: a firing alert is valid for four resend intervals. */
    public static final int EXPIRY_FACTOR = 4;

    /** Below this, processing-time timers would do little but re-post unchanged alerts. */
    public static final Duration MIN_RESEND_INTERVAL = Duration.ofSeconds(1);

    public AlertmanagerSettings {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException(
                    "Alertmanager settings need at least one Alertmanager URL, e.g. http://alertmanager:9093");
        }
        Set<URI> seen = new HashSet<>();
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get(i);
            if (url == null) {
                throw new IllegalArgumentException("Alertmanager URL number " + (i + 1) + " is missing (null)");
            }
            String problem = AlertmanagerUrl.problem(url);
            if (problem != null) {
                throw new IllegalArgumentException("Alertmanager URL number " + (i + 1) + ", "
                        + AlertmanagerUrl.shown(url) + ", " + problem);
            }
            if (!seen.add(normalized(url))) {
                throw new IllegalArgumentException("Alertmanager URL " + AlertmanagerUrl.shown(url)
                        + " is listed twice; list each Alertmanager once");
            }
        }
        urls = List.copyOf(urls);
        if (resendInterval == null) {
            throw new IllegalArgumentException("Alertmanager resend interval is missing; use "
                    + "AlertmanagerSettings.DEFAULT_RESEND_INTERVAL (1m) when none is configured");
        }
        if (resendInterval.compareTo(MIN_RESEND_INTERVAL) < 0) {
            throw new IllegalArgumentException("Alertmanager resend interval must be at least 1s, got " + resendInterval
                    + "; Prometheus sends firing alerts every 1m");
        }
        grafanaBaseUrl = grafanaBaseUrl(grafanaBaseUrl);
        if (retry == null) {
            throw new IllegalArgumentException(
                    "Alertmanager retry policy is missing; use RetryPolicy.defaults() when none is configured");
        }
    }

    /** The given Alertmanagers, firing alerts sent every minute, no generatorURL, the default retries. */
    public static AlertmanagerSettings defaults(List<URI> urls) {
        return new AlertmanagerSettings(urls, DEFAULT_RESEND_INTERVAL, null, RetryPolicy.defaults());
    }

    /** The URLs as the client takes them. */
    public List<AlertmanagerUrl> alertmanagers() {
        return urls.stream().map(AlertmanagerUrl::of).toList();
    }

    /** How long a firing alert sent now stays firing in Alertmanager without being sent again. */
    public Duration validity() {
        return resendInterval.multipliedBy(EXPIRY_FACTOR);
    }

    /** Without the URLs' user-info and query: settings end up in logs. */
    @Override
    public String toString() {
        return "AlertmanagerSettings[urls=" + urls.stream().map(AlertmanagerUrl::shown).toList()
                + ", resendInterval=" + resendInterval + ", grafanaBaseUrl=" + grafanaBaseUrl
                + ", retry=" + retry + "]";
    }

    private static String grafanaBaseUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String s = url.strip();
        URI parsed;
        try {
            parsed = new URI(s);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Grafana base URL is not a URL (" + e.getReason()
                    + "): write it as http(s)://host[:port][/path], e.g. https://grafana.example");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
            throw new IllegalArgumentException("Grafana base URL must be an absolute http(s) URL such as "
                    + "https://grafana.example, got " + s);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** URI equality ignores the case of scheme and host already; a trailing slash makes no other Alertmanager. */
    private static URI normalized(URI url) {
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }
}
