package dev.redflag.notify.alertmanager;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class AlertmanagerUrlTest {

    @Test
    void alertsAreUnderTheBaseUrlsPathPrefix() {
        assertThat(AlertmanagerUrl.of(URI.create("http://am:9093")).alertsUri())
                .isEqualTo(URI.create("http://am:9093/api/v2/alerts"));
        assertThat(AlertmanagerUrl.of(URI.create("https://ops.example/alertmanager/")).alertsUri())
                .isEqualTo(URI.create("https://ops.example/alertmanager/api/v2/alerts"));
        assertThat(AlertmanagerUrl.of(URI.create("http://[::1]:9093")).alertsUri())
                .isEqualTo(URI.create("http://[::1]:9093/api/v2/alerts"));
    }

    @Test
    void receiverIsHostAndPortWithTheSchemesDefault() {
        assertThat(AlertmanagerUrl.of(URI.create("http://am:9093/prefix")).receiver()).isEqualTo("am:9093");
        assertThat(AlertmanagerUrl.of(URI.create("https://am.example")).receiver()).isEqualTo("am.example:443");
        assertThat(AlertmanagerUrl.of(URI.create("http://am.example")).receiver()).isEqualTo("am.example:80");
    }

    @Test
    void userInfoBecomesBasicAuthAndQueryStaysOnTheRequestButNeitherIsShown() {
        AlertmanagerUrl url = AlertmanagerUrl.of(URI.create("https://ops:p%40ss@am.example:8443/am?token=t0ken"));

        assertThat(url.alertsUri()).isEqualTo(URI.create("https://am.example:8443/am/api/v2/alerts?token=t0ken"));
        assertThat(url.authorization())
                .contains("Basic " + Base64.getEncoder().encodeToString("ops:p@ss".getBytes(UTF_8)));
        assertThat(url.toString()).isEqualTo("https://am.example:8443/am");
        assertThat(url.receiver()).isEqualTo("am.example:8443");
        assertThat(url.redact("POST https://ops:p%40ss@am.example:8443/am?token=t0ken failed; "
                + "https://am.example:8443/am/api/v2/alerts?token=t0ken; ops:p@ss@x; ?token=t0ken"))
                .isEqualTo("POST https://am.example:8443/am failed; https://am.example:8443/am/api/v2/alerts; "
                        + "***@x; ?***")
                .doesNotContain("t0ken", "p@ss", "p%40ss");
    }

    @Test
    void noAuthorizationWithoutUserInfo() {
        assertThat(AlertmanagerUrl.of(URI.create("http://am:9093")).authorization()).isEmpty();
    }
}
