package dev.redflag.notify.slack;

/**
 * Where a notification points to beyond itself; both come from the receiver's configuration.
 *
 * @param grafanaBaseUrl base URL of the Grafana that shows the KPI dashboard (http or https, no
 *                       trailing slash needed), null for no "Grafana" button
 * @param silenceHint    how to silence these alerts (plain text, escaped when rendered), null for
 *                       none
 */
public record Links(String grafanaBaseUrl, String silenceHint) {

    public Links {
        grafanaBaseUrl = blankToNull(grafanaBaseUrl);
        silenceHint = blankToNull(silenceHint);
        if (grafanaBaseUrl != null) {
            if (!WebUrl.isHttp(grafanaBaseUrl)) {
                throw new IllegalArgumentException("Grafana base URL must be an http(s) URL: " + grafanaBaseUrl);
            }
            while (grafanaBaseUrl.endsWith("/")) {
                grafanaBaseUrl = grafanaBaseUrl.substring(0, grafanaBaseUrl.length() - 1);
            }
        }
    }

    public static Links none() {
        return new Links(null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
