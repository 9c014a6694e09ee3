package dev.redflag.notify.alertmanager;

import dev.redflag.notify.delivery.RetryPolicy;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertmanagerSettingsTest {

    private static final List<URI> ONE = List.of(URI.create("http://alertmanager:9093"));

    @Test
    void defaultsAreThoseOfPrometheus() {
        AlertmanagerSettings settings = AlertmanagerSettings.defaults(ONE);

        assertThat(settings.resendInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.validity()).isEqualTo(Duration.ofMinutes(4));
        assertThat(settings.grafanaBaseUrl()).isNull();
        assertThat(settings.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(settings.alertmanagers()).extracting(AlertmanagerUrl::receiver).containsExactly("alertmanager:9093");
    }

    @Test
    void grafanaBaseUrlIsTrimmedAndBlankMeansNone() {
        assertThat(new AlertmanagerSettings(ONE, Duration.ofMinutes(1), " https://grafana.example/ ",
                RetryPolicy.defaults()).grafanaBaseUrl()).isEqualTo("https://grafana.example");
        assertThat(new AlertmanagerSettings(ONE, Duration.ofMinutes(1), "  ", RetryPolicy.defaults())
                .grafanaBaseUrl()).isNull();
    }

    @Test
    void travelsToTheTaskManagersByJavaSerialization() throws Exception {
        AlertmanagerSettings settings = new AlertmanagerSettings(
                List.of(URI.create("http://a:9093"), URI.create("https://b.example/am")), Duration.ofSeconds(30),
                "https://grafana.example", new RetryPolicy(5, Duration.ofMillis(250), 3));

        byte[] bytes = InstantiationUtil.serializeObject(settings);
        AlertmanagerSettings back = InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader());

        assertThat(back).isEqualTo(settings);
    }

    @Test
    void messagesSayWhatToFix() {
        assertThatThrownBy(() -> AlertmanagerSettings.defaults(List.of()))
                .hasMessage("Alertmanager settings need at least one Alertmanager URL, e.g. http://alertmanager:9093");
        assertThatThrownBy(() -> AlertmanagerSettings.defaults(Arrays.asList(URI.create("http://a:9093"), null)))
                .hasMessage("Alertmanager URL number 2 is missing (null)");
        assertThatThrownBy(() -> AlertmanagerSettings.defaults(List.of(URI.create("alertmanager:9093"))))
                .hasMessage("Alertmanager URL number 1, (not shown: it may hold credentials), must be an absolute "
                        + "http(s) URL with a host, e.g. http://alertmanager:9093");
        assertThatThrownBy(() -> AlertmanagerSettings.defaults(List.of(URI.create("ftp://am:9093"))))
                .hasMessage("Alertmanager URL number 1, ftp://am:9093, must be an absolute http(s) URL with a host, "
                        + "e.g. http://alertmanager:9093");
        assertThatThrownBy(() -> AlertmanagerSettings.defaults(List.of(URI.create("http://am:9093/api/v2/alerts"))))
                .hasMessage("Alertmanager URL number 1, http://am:9093/api/v2/alerts, must be the Alertmanager's "
                        + "base URL, without /api/...: /api/v2/alerts is added");
        assertThatThrownBy(() -> AlertmanagerSettings.defaults(
                List.of(URI.create("http://am:9093"), URI.create("http://AM:9093/"))))
                .hasMessage("Alertmanager URL http://AM:9093/ is listed twice; list each Alertmanager once");
        assertThatThrownBy(() -> new AlertmanagerSettings(ONE, Duration.ofMillis(500), null, RetryPolicy.defaults()))
                .hasMessage("Alertmanager resend interval must be at least 1s, got PT0.5S; "
                        + "Prometheus sends firing alerts every 1m");
        assertThatThrownBy(() -> new AlertmanagerSettings(ONE, null, null, RetryPolicy.defaults()))
                .hasMessageContaining("resend interval is missing; use AlertmanagerSettings.DEFAULT_RESEND_INTERVAL");
        assertThatThrownBy(() -> new AlertmanagerSettings(ONE, Duration.ofMinutes(1), "grafana.example", null))
                .hasMessage("Grafana base URL must be an absolute http(s) URL such as https://grafana.example, "
                        + "got grafana.example");
        assertThatThrownBy(() -> new AlertmanagerSettings(ONE, Duration.ofMinutes(1), null, null))
                .hasMessageContaining("retry policy is missing; use RetryPolicy.defaults()");
    }

    @Test
    void credentialsAreNotInItsText() {
        AlertmanagerSettings settings = AlertmanagerSettings.defaults(
                List.of(URI.create("https://ops:s3cret@am.example:9093/am?token=t0ken")));

        assertThat(settings.toString()).isEqualTo("AlertmanagerSettings[urls=[https://am.example:9093/am], "
                + "resendInterval=PT1M, grafanaBaseUrl=null, retry=" + RetryPolicy.defaults() + "]");
    }

    @Test
    void credentialsInAWrongUrlAreNotRepeated() {
        assertThatThrownBy(() -> AlertmanagerSettings.defaults(
                List.of(URI.create("http://user:s3cret@am:9093/api/v2/alerts?token=t0ken"))))
                .hasMessage("Alertmanager URL number 1, http://am:9093/api/v2/alerts, must be the Alertmanager's "
                        + "base URL, without /api/...: /api/v2/alerts is added");
        assertThatThrownBy(() -> AlertmanagerSettings.defaults(List.of(URI.create("user:s3cret@am:9093"))))
                .message().doesNotContain("s3cret");
    }
}
