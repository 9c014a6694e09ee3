package dev.redflag.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where notifications go. Slack's secret is not here: it comes from the environment of the task
 * managers ({@code SLACK_WEBHOOK_URL}, {@code SLACK_BOT_TOKEN} or their {@code _FILE} forms), so
 * it is never part of a config file or the job graph.
 *
 * @param routesFile       the routing file, relative to the working directory when not absolute
 * @param grafanaUrl       Grafana base URL, empty for none
 * @param alertmanagerUrls Alertmanagers to post alerts to, empty for none
 * @param resendInterval   how often firing alerts are posted to Alertmanager again
 */
public record NotifyConfig(String routesFile, String grafanaUrl, List<String> alertmanagerUrls,
                           Duration resendInterval) implements Serializable {

    private static final long serialVersionUID = 1L;

    public NotifyConfig {
        Objects.requireNonNull(routesFile, "routesFile");
        Objects.requireNonNull(grafanaUrl, "grafanaUrl");
        alertmanagerUrls = List.copyOf(alertmanagerUrls);
        Objects.requireNonNull(resendInterval, "resendInterval");
    }

    public Path routes() {
        return Path.of(routesFile);
    }

    public NotifyConfig withRoutesFile(String file) {
        return new NotifyConfig(file, grafanaUrl, alertmanagerUrls, resendInterval);
    }

    public NotifyConfig withAlertmanagerUrls(List<String> urls) {
        return new NotifyConfig(routesFile, grafanaUrl, urls, resendInterval);
    }
}
