package dev.redflag.notify.route;

import dev.redflag.alert.AlertLabels;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped routing and silences files load, and the rule pack's alerts reach the channels the
 * routing file promises, with labels made the way the job makes them. A routing edit that sends a
 * team's alerts elsewhere fails the build rather than the on-call.
 */
class RoutePackTest {

    private static final Path CONFIG = Path.of("../alerts-config");
    private static final RuleSet RULES = RuleLoader.load(CONFIG.resolve("rules"), KpiDefinitions.load(
            CONFIG.resolve("kpis.yaml"), List.of(WindowSpec.tumbling(Duration.ofHours(1)))));
    private static final RouteTree ROUTES = RouteLoader.load(CONFIG.resolve("routes.yaml"));

    @Test
    void theShippedFilesLoad() {
        assertThat(ROUTES.receivers()).containsOnlyKeys("alerts", "alerts-critical", "growth", "revenue", "crm",
                "risk");
        assertThat(ROUTES.inhibitRules()).hasSize(1);
        assertThat(ROUTES.muteTimeIntervals()).containsOnlyKeys("nights", "weekends");
        assertThat(SilenceFile.load(CONFIG.resolve("silences.yaml"))).isEqualTo(Silences.NONE);
    }

    @Test
    void everyRuleOfThePackReachesItsTeamsChannel() {
        Map<String, String> channelByTeam = Map.of("growth", "#growth-alerts", "revenue", "#revenue-alerts",
                "sales", "#revenue-alerts", "crm", "#crm-alerts", "risk", "#risk-alerts");
        for (Rule rule : RULES.rules()) {
            List<String> channels = channels(labels(rule, Map.of("tenant", "acme")));
            assertThat(channels).as(rule.alert()).contains(channelByTeam.get(rule.labels().get("team")));
            assertThat(channels).as(rule.alert()).hasSize(rule.severity().equals("critical") ? 2 : 1);
        }
    }

    @Test
    void representativeAlertsAreRoutedGroupedAndTimedAsTheFileSays() {
        List<Route> bounce = ROUTES.match(labels(rule("BounceRateRising"), Map.of("tenant", "acme", "page",
                "/pricing", "channel", "ads")));
        assertThat(bounce).singleElement().satisfies(r -> {
            assertThat(r.receiver()).isEqualTo("growth");
            assertThat(r.groupBy().labels()).containsExactly("alertname", "tenant", "page");
            assertThat(r.repeatInterval()).isEqualTo(Duration.ofHours(12));
        });

        List<Route> churn = ROUTES.match(labels(rule("ChurnRising"), Map.of("tenant", "globex")));
        assertThat(churn).extracting(Route::receiver).containsExactly("alerts-critical", "revenue");
        assertThat(churn.get(0).groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(churn.get(1).groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(GroupKey.of(churn.get(1), labels(rule("ChurnRising"), Map.of("tenant", "globex"))))
                .isEqualTo("route.routes[3]:{alertname=\"ChurnRising\",tenant=\"globex\"}");

        assertThat(ROUTES.match(labels(rule("MqlToSqlStalled"), Map.of("tenant", "acme", "channel", "ads"))))
                .extracting(Route::receiver).containsExactly("alerts-critical", "revenue");
        assertThat(ROUTES.match(Map.of("alertname", "SomethingNew", "severity", "warning")))
                .extracting(Route::receiver).containsExactly("alerts");
    }

    @Test
    void aCriticalAlertMutesTheWarningsOfTheSameTenantAndKpi() {
        Map<String, String> critical = Map.of("alertname", "ConversionCollapsed", "severity", "critical",
                "kpi", "conversion_rate", "tenant", "acme");
        Map<String, String> warning = labels(rule("ConversionRateDropping"), Map.of("tenant", "acme", "channel",
                "ads"));
        Map<String, String> otherTenant = labels(rule("ConversionRateDropping"), Map.of("tenant", "globex",
                "channel", "ads"));
        Inhibitor inhibitor = ROUTES.inhibitor();
        assertThat(inhibitor.isInhibited(warning, List.of(critical))).isTrue();
        assertThat(inhibitor.isInhibited(otherTenant, List.of(critical))).isFalse();
    }

    @Test
    void infoAlertsWaitForOfficeHoursInBerlin() {
        Map<String, String> info = Map.of("alertname", "CtrLow", "severity", "info", "team", "growth");
        Route route = ROUTES.match(info).get(0);
        assertThat(route.receiver()).isEqualTo("alerts");
        MuteTimes mutes = ROUTES.muteTimes();
        assertThat(mutes.isMuted(route, Instant.parse("2026-11-25T09:00:00Z"))).as("Wednesday 10:00").isFalse();
        assertThat(mutes.isMuted(route, Instant.parse("2026-11-25T19:30:00Z"))).as("Wednesday 20:30").isTrue();
        assertThat(mutes.isMuted(route, Instant.parse("2026-11-26T06:59:00Z"))).as("Thursday 07:59").isTrue();
        assertThat(mutes.isMuted(route, Instant.parse("2026-11-28T12:00:00Z"))).as("Saturday noon").isTrue();
        assertThat(mutes.mutedBy(route, Instant.parse("2026-11-28T22:00:00Z"))).as("Saturday 23:00")
                .containsExactly("nights", "weekends");
    }

    private static List<String> channels(Map<String, String> labels) {
        return ROUTES.match(labels).stream().map(r -> ROUTES.receivers().get(r.receiver()).slack().channel())
                .toList();
    }

    private static Rule rule(String alert) {
        return RULES.rules().stream().filter(r -> r.alert().equals(alert)).findFirst().orElseThrow();
    }

    /** The labels the job gives the rule's alert for a series with these dimensions. */
    private static Map<String, String> labels(Rule rule, Map<String, String> dims) {
        KpiValue value = new KpiValue(rule.kpi(), "1h", new TreeMap<>(dims), 0, 3_600_000, 1, 1, 1, 1);
        return AlertLabels.of(rule, value);
    }
}
