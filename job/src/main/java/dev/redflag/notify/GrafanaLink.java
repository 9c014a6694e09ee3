package dev.redflag.notify;

import dev.redflag.alert.AlertEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * From an alert to its series on the KPI dashboard in one tap. The dashboard is the one with uid
 * {@code redflag-kpis}, which has a template variable {@code kpi} and one per label name, so the
 * link is {@code <base>/d/redflag-kpis?var-kpi=<kpi>&var-<label>=<value>...} with every label but
 * {@code alertname}, {@code severity} and {@code kpi} in label order, names and values URL-encoded
 * (form encoding: a space is {@code +}). No time range: the dashboard's default applies.
 */
public final class GrafanaLink {

    public static final String DASHBOARD_UID = "redflag-kpis";

    private static final Set<String> NOT_VARIABLES = Set.of("alertname", "severity", "kpi");

    private GrafanaLink() {
    }

    public static String of(String baseUrl, AlertEvent alert) {
        StringBuilder url = new StringBuilder(baseUrl).append("/d/").append(DASHBOARD_UID)
                .append("?var-kpi=").append(encode(alert.kpi()));
        for (Map.Entry<String, String> label : alert.labels().entrySet()) {
            if (!NOT_VARIABLES.contains(label.getKey())) {
                url.append("&var-").append(encode(label.getKey())).append('=').append(encode(label.getValue()));
            }
        }
        return url.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
