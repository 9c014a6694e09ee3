package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.notify.route.RouteLoader;
import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.route.Silences;
import dev.redflag.notify.slack.TestAlerts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher on a clock the test moves: every case states the exact flush at which a
 * notification goes out and what it holds.
 */
class DispatcherTest {

    private static final String ROUTES = """
            route:
              receiver: default
              group_by: [alertname, tenant]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
              routes:
                - matchers: ['severity="critical"']
                  receiver: oncall
                  continue: true
                - matchers: ['team="growth"']
                  receiver: growth
                  mute_time_intervals: [nights]
            receivers:
              - name: default
                slack: {channel: "#alerts"}
              - name: oncall
                slack: {channel: "#oncall"}
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

    /** Tuesday 2026-11-24 10:00 UTC, 11:00 in Berlin. */
    private static final long T0 = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

    private static final TestAlerts BOUNCE = TestAlerts.rule("web", "BounceRateRising", "warning", "bounce_rate");
    private static final TestAlerts CONVERSION = TestAlerts.rule("funnel", "ConversionDropping", "critical",
            "conversion_rate");

    private final Dispatcher dispatcher = new Dispatcher(RouteLoader.parse(ROUTES, "routes.yaml"));
    private final MapGroupStore store = new MapGroupStore();
    private final List<Long> timers = new ArrayList<>();
    private Silences silences = Silences.NONE;
    /** What {@link Dispatcher#accept} flushed at once. */
    private final List<Notification> atOnce = new ArrayList<>();

    private void send(AlertEvent alert, long at) {
        atOnce.addAll(dispatcher.accept(alert, at, silences, store, timers::add));
    }

    private List<Notification> flush(long at) {
        return dispatcher.flushDue(at, silences, store, timers::add);
    }

    private static long after(Duration d) {
        return T0 + d.toMillis();
    }

    private static Map<String, String> page(String tenant, String page) {
        return Map.of("tenant", tenant, "page", page);
    }

    private static List<String> fingerprints(Notification n) {
        return n.alerts().stream().map(a -> a.phase() + " " + a.labels().get("page")).toList();
    }

    @Test
    void waitsGroupWaitAndSendsTheGroupInOneNotification() {
        send(BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75), T0);
        send(BOUNCE.firing(page("acme", "/blog"), 0.8, 0.4, 100), after(Duration.ofSeconds(10)));
        assertThat(timers).containsExactly(after(Duration.ofSeconds(30)));

        assertThat(flush(after(Duration.ofSeconds(29)))).isEmpty();
        List<Notification> sent = flush(after(Duration.ofSeconds(30)));

        assertThat(sent).hasSize(1);
        Notification n = sent.get(0);
        assertThat(n.receiver()).isEqualTo("default");
        assertThat(n.groupKey()).isEqualTo("route:{alertname=\"BounceRateRising\",tenant=\"acme\"}");
        assertThat(n.title()).isEqualTo("BounceRateRising");
        assertThat(n.at()).isEqualTo(after(Duration.ofSeconds(30)));
        assertThat(n.firing()).isTrue();
        assertThat(fingerprints(n)).containsExactlyInAnyOrder("FIRING /pricing", "FIRING /blog");
        assertThat(timers).last().isEqualTo(after(Duration.ofSeconds(30).plusMinutes(5)));
    }

    @Test
    void separateGroupsPerGroupByValue() {
        send(BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75), T0);
        send(BOUNCE.firing(page("globex", "/pricing"), 0.7, 0.4, 75), T0);

        List<Notification> sent = flush(after(Duration.ofSeconds(30)));

        assertThat(sent).extracting(Notification::groupKey).containsExactly(
                "route:{alertname=\"BounceRateRising\",tenant=\"acme\"}",
                "route:{alertname=\"BounceRateRising\",tenant=\"globex\"}");
    }

    @Test
    void anAlertJoiningAfterTheFirstNotificationWaitsForTheGroupInterval() {
        send(BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75), T0);
        flush(after(Duration.ofSeconds(30)));

        send(BOUNCE.firing(page("acme", "/blog"), 0.8, 0.4, 100), after(Duration.ofMinutes(1)));
        assertThat(flush(after(Duration.ofMinutes(1)))).isEmpty();
        List<Notification> sent = flush(after(Duration.ofSeconds(30).plusMinutes(5)));

        assertThat(sent).singleElement().satisfies(n ->
                assertThat(fingerprints(n)).containsExactlyInAnyOrder("FIRING /pricing", "FIRING /blog"));
    }

    @Test
    void nothingNewIsRepeatedOnlyAfterTheRepeatInterval() {
        send(BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75), T0);
        long first = after(Duration.ofSeconds(30));
        assertThat(flush(first)).hasSize(1);

        for (long t = first + Duration.ofMinutes(5).toMillis(); t < first + Duration.ofHours(4).toMillis();
             t += Duration.ofMinutes(5).toMillis()) {
            assertThat(flush(t)).as("flush at +%d min", (t - first) / 60_000).isEmpty();
        }
        List<Notification> repeat = flush(first + Duration.ofHours(4).toMillis());

        assertThat(repeat).singleElement().satisfies(n -> assertThat(n.firing()).isTrue());
    }

    @Test
    void anAcknowledgedAlertIsNotRepeatedButItsResolutionIsTold() {
        AlertEvent pricing = BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75);
        send(pricing, T0);
        long first = after(Duration.ofSeconds(30));
        assertThat(flush(first)).hasSize(1);

        assertThat(dispatcher.acknowledge(pricing.fingerprint(), pricing.transition().startsAt(), store)).isTrue();

        for (long t = first + Duration.ofMinutes(5).toMillis(); t <= first + Duration.ofHours(12).toMillis();
             t += Duration.ofMinutes(5).toMillis()) {
            assertThat(flush(t)).as("flush at +%d min", (t - first) / 60_000).isEmpty();
        }
        long resolvedAt = first + Duration.ofHours(12).plusMinutes(1).toMillis();
        send(BOUNCE.resolved(page("acme", "/pricing")), resolvedAt);
        List<Notification> told = flush(first + Duration.ofHours(12).plusMinutes(5).toMillis());

        assertThat(told).singleElement().satisfies(n -> assertThat(fingerprints(n)).containsExactly("RESOLVED /pricing"));
        assertThat(store.acknowledged()).isEmpty();
    }

    @Test
    void anAcknowledgementHoldsOnlyItsFiringPeriodNotTheNextOne() {
        AlertEvent first = BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75);
        send(first, T0);
        assertThat(flush(after(Duration.ofSeconds(30)))).hasSize(1);
        dispatcher.acknowledge(first.fingerprint(), first.transition().startsAt(), store);
        send(BOUNCE.resolved(page("acme", "/pricing")), after(Duration.ofMinutes(1)));
        assertThat(flush(after(Duration.ofSeconds(30).plusMinutes(5)))).hasSize(1);

        long refiredAt = after(Duration.ofMinutes(10));
        send(refired(first, refiredAt), refiredAt);
        long told = refiredAt + Duration.ofSeconds(30).toMillis();
        assertThat(flush(told)).singleElement().satisfies(n -> assertThat(n.firing()).isTrue());

        assertThat(flush(told + Duration.ofHours(4).toMillis()))
                .as("the new period is not acknowledged, so it repeats").hasSize(1);
    }

    @Test
    void anAcknowledgementOfAPeriodNotFiringChangesNothing() {
        AlertEvent pricing = BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75);
        send(pricing, T0);
        long first = after(Duration.ofSeconds(30));
        assertThat(flush(first)).hasSize(1);

        assertThat(dispatcher.acknowledge(pricing.fingerprint(), pricing.transition().startsAt() - 1, store)).isFalse();
        assertThat(dispatcher.acknowledge("no-such-alert", pricing.transition().startsAt(), store)).isFalse();

        assertThat(store.acknowledged()).isEmpty();
        assertThat(flush(first + Duration.ofHours(4).toMillis())).hasSize(1);
    }

    @Test
    void aGroupWithAnAlertNobodyAcknowledgedStillRepeats() {
        AlertEvent pricing = BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75);
        send(pricing, T0);
        send(BOUNCE.firing(page("acme", "/blog"), 0.8, 0.4, 100), T0);
        long first = after(Duration.ofSeconds(30));
        assertThat(flush(first)).hasSize(1);
        dispatcher.acknowledge(pricing.fingerprint(), pricing.transition().startsAt(), store);

        List<Notification> repeat = flush(first + Duration.ofHours(4).toMillis());

        assertThat(repeat).singleElement().satisfies(n ->
                assertThat(fingerprints(n)).containsExactlyInAnyOrder("FIRING /pricing", "FIRING /blog"));
    }

    private static AlertEvent refired(AlertEvent first, long at) {
        Transition t = first.transition();
        return new AlertEvent(first.ruleId(), first.alertname(), first.severity(), false, first.fingerprint(),
                first.kpi(), first.window(), first.labels(), first.annotations(),
                new Transition(Transition.Phase.FIRING, at, at, t.endsAt(), 0.9, 0.4, 125, t.windowStart(),
                        t.windowEnd(), false));
    }

    @Test
    void aResolvedGroupIsNotifiedOnceAndThenForgotten() {
        send(BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75), T0);
        flush(after(Duration.ofSeconds(30)));

        send(BOUNCE.resolved(page("acme", "/pricing")), after(Duration.ofMinutes(2)));
        List<Notification> sent = flush(after(Duration.ofSeconds(30).plusMinutes(5)));

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.firing()).isFalse();
            assertThat(fingerprints(n)).containsExactly("RESOLVED /pricing");
        });
        assertThat(store.groups()).isEmpty();
        assertThat(store.firing()).isEmpty();
    }

    @Test
    void aPartlyResolvedGroupListsFiringFirstThenResolved() {
        send(BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75), T0);
        send(BOUNCE.firing(page("acme", "/blog"), 0.8, 0.4, 100), T0);
        flush(after(Duration.ofSeconds(30)));

        send(BOUNCE.resolved(page("acme", "/blog")), after(Duration.ofMinutes(1)));
        List<Notification> sent = flush(after(Duration.ofSeconds(30).plusMinutes(5)));

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.firing()).isTrue();
            assertThat(fingerprints(n)).containsExactly("FIRING /pricing", "RESOLVED /blog");
        });
        // told once: the next interval has no news
        assertThat(flush(after(Duration.ofSeconds(30).plusMinutes(10)))).isEmpty();
    }

    /**
     * Issue 17's question from the benchmark's latency run: an alert that resolves and fires again
     * after its group's notification is told at the group's next interval, as the firing period it
     * is now (its new start), not lost and not replayed step by step.
     */
    @Test
    void anAlertThatResolvesAndFiresAgainIsNotifiedAtTheNextGroupInterval() {
        AlertEvent first = BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75);
        send(first, T0);
        assertThat(flush(after(Duration.ofSeconds(30)))).hasSize(1);

        send(BOUNCE.resolved(page("acme", "/pricing")), after(Duration.ofMinutes(1)));
        long refiredAt = after(Duration.ofMinutes(2));
        Transition t = first.transition();
        AlertEvent again = new AlertEvent(first.ruleId(), first.alertname(), first.severity(), false,
                first.fingerprint(), first.kpi(), first.window(), first.labels(), first.annotations(),
                new Transition(Transition.Phase.FIRING, refiredAt, refiredAt, t.endsAt(), 0.9, 0.4, 125,
                        t.windowStart(), t.windowEnd(), false));
        send(again, refiredAt);

        assertThat(flush(after(Duration.ofMinutes(5)))).isEmpty();
        List<Notification> sent = flush(after(Duration.ofSeconds(30).plusMinutes(5)));
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(fingerprints(n)).containsExactly("FIRING /pricing");
            assertThat(n.alerts().get(0).transition().startsAt()).isEqualTo(refiredAt);
        });
    }

    /** A blip: fired at T0 and resolved 20 s later in event time, both seen live within group_wait. */
    @Test
    void anAlertThatFiresAndResolvesWithinGroupWaitIsNeverNotified() {
        long resolvedAt = after(Duration.ofSeconds(20));
        send(period(Transition.Phase.FIRING, T0, T0), T0);
        send(period(Transition.Phase.RESOLVED, T0, resolvedAt), resolvedAt);

        assertThat(atOnce).isEmpty();
        assertThat(flush(after(Duration.ofSeconds(30)))).isEmpty();
        assertThat(store.groups()).isEmpty();
    }

    /**
     * Issue 17: after a restore (or at start with a backlog) the job catches up, and an incident of
     * two hours in event time fires and resolves within one second of processing time. A live run
     * told it, so the catch-up must too: the firing at once, when the resolution comes, and the
     * resolution at the group's next flush, one group_interval later.
     */
    @Test
    void anIncidentThatFiresAndResolvesWithinGroupWaitOnlyWhileCatchingUpIsToldFiringThenResolved() {
        long firedAt = T0 - Duration.ofHours(3).toMillis();
        long resolvedAt = T0 - Duration.ofHours(1).toMillis();
        send(period(Transition.Phase.FIRING, firedAt, firedAt), T0);
        long now = after(Duration.ofMillis(300));
        send(period(Transition.Phase.RESOLVED, firedAt, resolvedAt), now);

        assertThat(atOnce).singleElement().satisfies(n -> {
            assertThat(fingerprints(n)).containsExactly("FIRING /pricing");
            assertThat(n.at()).isEqualTo(now);
            assertThat(n.alerts().get(0).transition().startsAt()).isEqualTo(firedAt);
        });
        assertThat(timers).containsExactly(after(Duration.ofSeconds(30)), now + Duration.ofMinutes(5).toMillis());

        assertThat(flush(after(Duration.ofSeconds(30)))).as("the group_wait timer finds nothing due").isEmpty();
        List<Notification> resolved = flush(now + Duration.ofMinutes(5).toMillis());
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(fingerprints(n)).containsExactly("RESOLVED /pricing");
            assertThat(n.alerts().get(0).transition().endsAt()).isEqualTo(resolvedAt);
        });
        assertThat(store.groups()).isEmpty();
    }

    /** The catch-up flush is a flush like any other: a silenced incident stays untold. */
    @Test
    void aSilencedIncidentIsNotToldWhileCatchingUpEither() {
        silences = SilenceFile.read("""
                silences:
                  - id: s2
                    matchers: ['page="/pricing"']
                    starts_at: "2026-11-24T00:00:00Z"
                    ends_at: "2026-11-25T00:00:00Z"
                    created_by: ana
                    comment: migration
                """, "silences.yaml");
        long firedAt = T0 - Duration.ofHours(3).toMillis();
        send(period(Transition.Phase.FIRING, firedAt, firedAt), T0);
        send(period(Transition.Phase.RESOLVED, firedAt, T0 - Duration.ofHours(1).toMillis()), after(Duration.ofSeconds(1)));

        assertThat(atOnce).isEmpty();
        assertThat(flush(after(Duration.ofSeconds(1).plusMinutes(5)))).isEmpty();
        assertThat(store.groups()).isEmpty();
    }

    /** The alert of /pricing, acme, in {@code phase}, its firing period from {@code startsAt}, the transition at {@code at}. */
    private static AlertEvent period(Transition.Phase phase, long startsAt, long at) {
        AlertEvent base = BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75);
        Transition t = base.transition();
        return new AlertEvent(base.ruleId(), base.alertname(), base.severity(), false, base.fingerprint(), base.kpi(),
                base.window(), base.labels(), base.annotations(),
                new Transition(phase, at, startsAt, phase == Transition.Phase.RESOLVED ? at : t.endsAt(), 0.7, 0.4, 75,
                        t.windowStart(), t.windowEnd(), false));
    }

    @Test
    void aResolutionWithoutAGroupOpensNone() {
        send(BOUNCE.resolved(page("acme", "/pricing")), T0);

        assertThat(store.groups()).isEmpty();
        assertThat(timers).isEmpty();
    }

    @Test
    void pendingAndShadowAlertsNeverReachAGroup() {
        AlertEvent firing = BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75);
        AlertEvent shadow = new AlertEvent(firing.ruleId(), firing.alertname(), firing.severity(), true,
                firing.fingerprint(), firing.kpi(), firing.window(), firing.labels(), firing.annotations(),
                firing.transition());
        send(BOUNCE.pending(page("acme", "/pricing")), T0);
        send(shadow, T0);

        assertThat(store.groups()).isEmpty();
        assertThat(store.firing()).isEmpty();
    }

    @Test
    void continueSendsTheAlertToTheNextMatchingRouteToo() {
        send(CONVERSION.firing(Map.of("tenant", "acme", "team", "growth"), 0.01, 0.03, -66), T0);
        send(CONVERSION.firing(Map.of("tenant", "globex", "team", "sales"), 0.01, 0.03, -66), T0);

        List<Notification> sent = flush(after(Duration.ofSeconds(30)));

        // the first matching route continues: acme's alert also takes the growth route; globex's
        // matches no later sibling, and the root does not take what a child took
        assertThat(sent).extracting(Notification::receiver, n -> n.groupKey().contains("acme"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("oncall", true),
                        org.assertj.core.groups.Tuple.tuple("growth", true),
                        org.assertj.core.groups.Tuple.tuple("oncall", false));
    }

    @Test
    void silencedAlertsAreLeftOutAndNotifiedOnceTheSilenceEnds() {
        silences = SilenceFile.read("""
                silences:
                  - id: s1
                    matchers: ['page="/blog"']
                    starts_at: "2026-11-24T09:00:00Z"
                    ends_at: "2026-11-24T10:03:00Z"
                    created_by: alice
                    comment: newsletter
                """, "silences.yaml");
        send(BOUNCE.firing(page("acme", "/blog"), 0.8, 0.4, 100), T0);

        assertThat(flush(after(Duration.ofSeconds(30)))).isEmpty();
        List<Notification> sent = flush(after(Duration.ofSeconds(30).plusMinutes(5)));

        assertThat(sent).singleElement().satisfies(n -> assertThat(fingerprints(n)).containsExactly("FIRING /blog"));
    }

    @Test
    void aGroupSilencedAfterItNotifiedSaysNothingMoreUntilTheSilenceEnds() {
        send(BOUNCE.firing(page("acme", "/blog"), 0.8, 0.4, 100), T0);
        assertThat(flush(after(Duration.ofSeconds(30)))).hasSize(1);
        silences = SilenceFile.read("""
                silences:
                  - id: s1
                    matchers: ['page="/blog"']
                    starts_at: "2026-11-24T10:01:00Z"
                    ends_at: "2026-11-24T10:12:00Z"
                    created_by: alice
                    comment: newsletter
                """, "silences.yaml");

        // the whole group is silenced: no notification, and the log still holds the firing alert
        assertThat(flush(after(Duration.ofSeconds(30).plusMinutes(5)))).isEmpty();
        assertThat(flush(after(Duration.ofSeconds(30).plusMinutes(10)))).isEmpty();
        // once the silence ends, the alert the receiver already heard of is no news until repeat_interval
        assertThat(flush(after(Duration.ofSeconds(30).plusMinutes(15)))).isEmpty();
        assertThat(store.groups()).singleElement().satisfies(g ->
                assertThat(g.log().at()).isEqualTo(after(Duration.ofSeconds(30))));
    }

    @Test
    void aCriticalAlertInhibitsWarningsOfTheSameTenantOnly() {
        send(CONVERSION.firing(Map.of("tenant", "acme", "channel", "ads"), 0.01, 0.03, -66), T0);
        send(BOUNCE.firing(page("acme", "/pricing"), 0.7, 0.4, 75), T0);
        send(BOUNCE.firing(page("globex", "/pricing"), 0.7, 0.4, 75), T0);

        List<Notification> sent = flush(after(Duration.ofSeconds(30)));

        assertThat(sent).extracting(Notification::title, Notification::groupKey).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ConversionDropping",
                        "route.routes[0]:{alertname=\"ConversionDropping\",tenant=\"acme\"}"),
                org.assertj.core.groups.Tuple.tuple("BounceRateRising",
                        "route:{alertname=\"BounceRateRising\",tenant=\"globex\"}"));

        // once the critical alert resolves, the warning is news
        send(CONVERSION.resolved(Map.of("tenant", "acme", "channel", "ads")), after(Duration.ofMinutes(1)));
        List<Notification> later = flush(after(Duration.ofSeconds(30).plusMinutes(5)));
        assertThat(later).filteredOn(n -> n.title().equals("BounceRateRising"))
                .singleElement().satisfies(n -> assertThat(n.groupKey()).contains("acme"));
    }

    @Test
    void aMutedRouteHoldsItsNotificationsUntilTheIntervalEnds() {
        long night = Instant.parse("2026-11-24T21:30:00Z").toEpochMilli(); // 22:30 in Berlin
        TestAlerts growth = TestAlerts.rule("web", "SignupsFalling", "warning", "signups");
        AlertEvent alert = growth.firing(Map.of("tenant", "acme", "team", "growth"), 3, 10, -70);
        dispatcher.accept(alert, night, silences, store, timers::add);

        long t = night + 30_000;
        int flushes = 0;
        List<Notification> sent = List.of();
        while (sent.isEmpty()) {
            sent = dispatcher.flushDue(t, silences, store, timers::add);
            t += Duration.ofMinutes(5).toMillis();
            flushes++;
        }

        // 22:30:30 Berlin plus 5-minute intervals: the first flush at or after 07:00 is at 07:00:30
        assertThat(sent.get(0).at()).isEqualTo(Instant.parse("2026-11-25T06:00:30Z").toEpochMilli());
        assertThat(sent.get(0).receiver()).isEqualTo("growth");
        assertThat(flushes).isEqualTo(103);
    }

    @Test
    void titleListsEveryAlertNameOfAMixedGroup() {
        assertThat(Dispatcher.title(List.of(
                BOUNCE.firing(page("acme", "/a"), 1, 1, 0),
                CONVERSION.firing(Map.of("tenant", "acme"), 1, 1, 0),
                BOUNCE.firing(page("acme", "/b"), 1, 1, 0))))
                .isEqualTo("BounceRateRising, ConversionDropping");
    }
}
