package dev.redflag.notify;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * From an alert to its series on the KPI dashboard in one tap. The dashboard is the one with uid
 * {@code redflag-kpis}, which has a template variable {@code kpi} and one per label name, so the
 * link is {@code <base>/d/redflag-kpis?var-kpi=<kpi>&var-<label>=<value>...} with every label but
 * {@code alertname}, {@code severity} and {@code kpi} in label order, names and values URL-encoded
 * (form encoding: a space is {@code +}). No time range: the dashboard's default applies. Where a
 * link should show the alert itself, {@link #chart} renders the KPI's panel over the firing period
 * and {@link #dashboard} opens the dashboard over it.
 */
public final class GrafanaLink {

    public static final String DASHBOARD_UID = "redflag-kpis";
    /** The dashboard's slug, from its title "redflag — KPIs"; Grafana finds it by uid, the slug only reads well. */
    public static final String DASHBOARD_SLUG = "redflag-kpis";
    /** The panel of the selected KPI ({@code redflag_kpi_$kpi}), which draws any KPI, custom ones too. */
    public static final int KPI_PANEL_ID = 2;
    /** The size of the rendered panel, in pixels: the PNG attached to Slack is 1000 × 500 too. */
    static final int WIDTH = 1000;
    static final int HEIGHT = 500;
    /** How much of the series before the firing period the chart links show: a day, the baseline's own cycle. */
    static final long CONTEXT_MILLIS = 86_400_000L;

    /** Where {@link #links} put the chart and the dashboard: Alertmanager annotations and JSON fields alike. */
    public static final String CHART_URL = "chart_url";
    public static final String DASHBOARD_URL = "dashboard_url";

    private static final Set<String> NOT_VARIABLES = Set.of("alertname", "severity", "kpi");

    private GrafanaLink() {
    }

    public static String of(String baseUrl, AlertEvent alert) {
        StringBuilder url = new StringBuilder(baseUrl).append("/d/").append(DASHBOARD_UID).append('?');
        return variables(url, alert).toString();
    }

    /**
     * The KPI's panel as a PNG from Grafana's image renderer, over the alert's firing period and a
     * day before it: {@code <base>/render/d-solo/redflag-kpis/redflag-kpis?orgId=1&panelId=2&from=<ms>
     * &to=<ms>&width=1000&height=500&tz=UTC&var-kpi=...}, the variables as {@link #of}. For where a
     * PNG cannot go (Alertmanager, the alerts topic); null for a pending alert or no KPI.
     */
    public static String chart(String baseUrl, AlertEvent alert) {
        return overFiring(baseUrl + "/render/d-solo/" + DASHBOARD_UID + "/" + DASHBOARD_SLUG + "?orgId=1&panelId="
                + KPI_PANEL_ID, "&width=" + WIDTH + "&height=" + HEIGHT + "&tz=UTC", alert);
    }

    /** The dashboard link of {@link #of} over the same period as {@link #chart}; null where that is. */
    public static String dashboard(String baseUrl, AlertEvent alert) {
        return overFiring(baseUrl + "/d/" + DASHBOARD_UID + "/" + DASHBOARD_SLUG + "?orgId=1", "", alert);
    }

    /** {@code start}, the firing period as {@code from} and {@code to}, {@code rest}, the variables; null without one. */
    private static String overFiring(String start, String rest, AlertEvent alert) {
        long[] range = range(alert);
        if (range == null) {
            return null;
        }
        StringBuilder url = new StringBuilder(start).append("&from=").append(range[0]).append("&to=").append(range[1])
                .append(rest).append('&');
        return variables(url, alert).toString();
    }

    /**
     * The links to the alert's chart ({@code chart_url}, {@link #chart}) and dashboard over its firing
     * period ({@code dashboard_url}, {@link #dashboard}); none without a base URL or for a pending alert.
     */
    public static Map<String, String> links(String baseUrl, AlertEvent alert) {
        Map<String, String> links = new LinkedHashMap<>();
        if (baseUrl != null) {
            String chart = chart(baseUrl, alert);
            if (chart != null) {
                links.put(CHART_URL, chart);
                links.put(DASHBOARD_URL, dashboard(baseUrl, alert));
            }
        }
        return links;
    }

    /**
     * A base URL as configured, made ready for the links: null when blank, without trailing slashes.
     */
    public static String base(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        String base = configured.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /**
     * The firing period with a day before it, epoch millis: from its start (the firing's
     * {@code startsAt}) to its end (a resolution's {@code endsAt}; at a firing, the instant it fired).
     */
    private static long[] range(AlertEvent alert) {
        Transition t = alert.transition();
        if (alert.kpi() == null || t.phase() == Transition.Phase.PENDING) {
            return null;
        }
        long end = t.phase() == Transition.Phase.RESOLVED && t.endsAt() != AlertState.NO_TIME ? t.endsAt() : t.at();
        long start = t.startsAt() != AlertState.NO_TIME ? t.startsAt() : end;
        return new long[] {start - CONTEXT_MILLIS, end};
    }

    private static StringBuilder variables(StringBuilder url, AlertEvent alert) {
        url.append("var-kpi=").append(encode(alert.kpi()));
        for (Map.Entry<String, String> label : alert.labels().entrySet()) {
            if (!NOT_VARIABLES.contains(label.getKey())) {
                url.append("&var-").append(encode(label.getKey())).append('=').append(encode(label.getValue()));
            }
        }
        return url;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
