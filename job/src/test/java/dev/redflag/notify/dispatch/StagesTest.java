package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.route.Route;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.route.Silences;
import dev.redflag.notify.slack.TestAlerts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification stages of one flush, observed one by one: they run in Alertmanager's order,
 * each on what the one before passed on, and the chain stops where nothing is left.
 */
class StagesTest {

    private static final String ROUTES = """
            route:
              receiver: default
              group_by: [tenant]
              routes:
                - matchers: ['team="growth"']
                  receiver: growth
                  mute_time_intervals: [nights]
            receivers:
              - name: default
                slack: {channel: "#alerts"}
              - name: growth
                slack: {channel: "#growth"}
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity="warning"']
                equal: [tenant]
            mute_time_intervals:
              - name: nights
                time_zone: Europe/Berlin
                times: [{start: "22:00", end: "07:00"}]
            """;

    private static final RouteTree TREE = RouteLoader.parse(ROUTES, "routes.yaml");

    /** Tuesday 2026-11-24 10:00 UTC, 11:00 in Berlin; 22:30 in Berlin is night. */
    private static final long DAY = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
    private static final long NIGHT = Instant.parse("2026-11-24T21:30:00Z").toEpochMilli();

    private static final TestAlerts WARNING = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate");
    private static final TestAlerts CRITICAL = TestAlerts.rule("funnel", "ConversionDropping", "critical",
            "conversion_rate");

    private static final Silences BLOG_SILENCED = SilenceFile.read("""
            silences:
              - id: s1
                matchers: ['page="/blog"']
                starts_at: "2026-11-24T09:00:00Z"
                ends_at: "2026-11-25T09:00:00Z"
                created_by: alice
                comment: newsletter
            """, "silences.yaml");

    /** What each stage was given, as {@code <stage>: <page>...}, in the order the stages ran. */
    private final List<String> seen = new ArrayList<>();

    private Stages observed() {
        return Stages.of(TREE).map(stage -> new Stage() {
            @Override
            public List<AlertEvent> exec(Flush flush, List<AlertEvent> alerts) {
                seen.add(stage.name() + ": " + String.join(" ", alerts.stream()
                        .map(a -> a.labels().getOrDefault("page", a.labels().get("channel"))).toList()));
                return stage.exec(flush, alerts);
            }

            @Override
            public String name() {
                return stage.name();
            }
        });
    }

    private static AlertGroup group(Route route, AlertEvent... alerts) {
        SortedMap<String, AlertEvent> byFingerprint = new TreeMap<>();
        for (AlertEvent a : alerts) {
            byFingerprint.put(a.fingerprint(), a);
        }
        return new AlertGroup("group", route.id(), route.receiver(), byFingerprint, 0, null);
    }

    @Test
    void theChainIsAlertmanagersOrder() {
        assertThat(Stages.of(TREE).stages()).extracting(Stage::name)
                .containsExactly("inhibit", "time-mute", "silence", "dedup", "deliver", "log");
        assertThat(Stages.of(TREE).name()).isEqualTo("inhibit → time-mute → silence → dedup → deliver → log");
    }

    @Test
    void eachStageGetsWhatTheOneBeforePassedOn() {
        AlertEvent source = CRITICAL.firing(Map.of("tenant", "acme", "channel", "ads"), 0.01, 0.03, -66);
        AlertEvent inhibited = WARNING.firing(Map.of("tenant", "acme", "page", "/a-inhibited"), 0.7, 0.4, 75);
        AlertEvent silenced = CRITICAL.resolved(Map.of("tenant", "acme", "page", "/blog"));
        AlertEvent visible = CRITICAL.firing(Map.of("tenant", "acme", "page", "/z-visible"), 0.01, 0.03, -66);
        Route root = TREE.root();
        AlertGroup group = group(root, inhibited, silenced, visible);
        Flush flush = new Flush(group, root, DAY, BLOG_SILENCED, List.of(source.labels(), inhibited.labels(),
                visible.labels()));
        List<String> pages = group.alerts().values().stream().map(a -> a.labels().get("page")).toList();

        List<AlertEvent> passed = observed().exec(flush, List.copyOf(group.alerts().values()));

        String all = String.join(" ", pages);
        String uninhibited = String.join(" ", pages.stream().filter(p -> !p.equals("/a-inhibited")).toList());
        assertThat(seen).containsExactly(
                "inhibit: " + all,
                "time-mute: " + uninhibited,
                "silence: " + uninhibited,
                "dedup: /z-visible",
                "deliver: /z-visible",
                "log: /z-visible");
        assertThat(passed).containsExactly(visible);
        assertThat(flush.notification()).hasValueSatisfying(n -> {
            assertThat(n.receiver()).isEqualTo("default");
            assertThat(n.groupKey()).isEqualTo("group");
            assertThat(n.alerts()).containsExactly(visible);
            assertThat(n.at()).isEqualTo(DAY);
        });
        assertThat(flush.log()).isEqualTo(new NotificationLog(
                Set.of(visible.fingerprint() + "@" + visible.transition().startsAt()), Set.of(), DAY));
    }

    @Test
    void aMutedRouteStopsTheChainBeforeDedupSoNothingIsNotifiedOrLogged() {
        Route growth = TREE.root().routes().get(0);
        AlertEvent alert = WARNING.firing(Map.of("tenant", "acme", "team", "growth", "page", "/pricing"), 0.7,
                0.4, 75);
        Flush flush = new Flush(group(growth, alert), growth, NIGHT, Silences.NONE, List.of(alert.labels()));

        List<AlertEvent> passed = observed().exec(flush, List.of(alert));

        assertThat(seen).containsExactly("inhibit: /pricing", "time-mute: /pricing");
        assertThat(passed).isEmpty();
        assertThat(flush.notification()).isEmpty();
        assertThat(flush.log()).isNull();
    }

    @Test
    void whatTheLogAlreadyHoldsStopsAtDedup() {
        AlertEvent alert = WARNING.firing(Map.of("tenant", "acme", "page", "/pricing"), 0.7, 0.4, 75);
        assertDedupStops(alert, new NotificationLog(Set.of(alert.fingerprint() + "@" + alert.transition().startsAt()),
                Set.of(), DAY - 60_000));
    }

    /** A log checkpointed before firing periods were logged holds bare fingerprints: an upgrade repeats nothing. */
    @Test
    void aLogOfBareFingerprintsFromBeforeStillStopsAtDedup() {
        AlertEvent alert = WARNING.firing(Map.of("tenant", "acme", "page", "/pricing"), 0.7, 0.4, 75);
        assertDedupStops(alert, new NotificationLog(Set.of(alert.fingerprint()), Set.of(), DAY - 60_000));
    }

    private void assertDedupStops(AlertEvent alert, NotificationLog told) {
        Route root = TREE.root();
        AlertGroup group = new AlertGroup("group", root.id(), root.receiver(),
                new TreeMap<>(Map.of(alert.fingerprint(), alert)), 0, told);
        Flush flush = new Flush(group, root, DAY, Silences.NONE, List.of(alert.labels()));

        observed().exec(flush, List.of(alert));

        assertThat(seen).containsExactly("inhibit: /pricing", "time-mute: /pricing", "silence: /pricing",
                "dedup: /pricing");
        assertThat(flush.notification()).isEmpty();
        assertThat(flush.log()).isSameAs(told);
    }
}
