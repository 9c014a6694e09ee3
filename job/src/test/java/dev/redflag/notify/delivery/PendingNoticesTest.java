package dev.redflag.notify.delivery;

import dev.redflag.alert.AlertEvent;
import dev.redflag.notify.alertmanager.TestAlerts;
import dev.redflag.notify.dispatch.Notification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The waiting room of notices a receiver has not taken, on a clock the test turns by hand: the
 * waits between tries, the order per group, the replacing of a waiting notice by a newer one, and
 * what a checkpoint keeps.
 */
class PendingNoticesTest {

    private static final Instant FIRED = Instant.parse("2026-11-20T11:00:00Z");
    private static final Instant RESOLVED = Instant.parse("2026-11-20T12:00:00Z");
    private static final String PRICING = "route:{page=\"/pricing\"}";
    private static final String BLOG = "route:{page=\"/blog\"}";
    private static final String EVERY = "route.routes[0]:{page=\"/pricing\"}";

    /** 5 s, 10 s, 20 s, ... without jitter. */
    private static final RetryPolicy BACKOFF = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(5), 2);

    private static final Map<String, PendingPolicy> POLICIES = Map.of(
            "route", new PendingPolicy(Duration.ofSeconds(30), false),
            "route.routes[0]", new PendingPolicy(Duration.ofSeconds(30), true));

    private final PendingNotices pending = new PendingNotices(
            key -> POLICIES.get(key.substring(0, key.indexOf(":{"))), BACKOFF, RandomGenerator.of("L64X128MixRandom"));

    private static Notification notice(String group, AlertEvent alert, long at) {
        return new Notification("web", group, "BounceRateRising", List.of(alert), at);
    }

    private static Notification firing(String group, long at) {
        return notice(group, TestAlerts.firing("/pricing", FIRED), at);
    }

    private static Notification resolved(String group, long at) {
        return notice(group, TestAlerts.resolved("/pricing", FIRED, RESOLVED), at);
    }

    private static List<Notification> notices(List<PendingNotices.Pending> ps) {
        return ps.stream().map(PendingNotices.Pending::notice).toList();
    }

    @Test
    void aNoticeThatFailsWaitsLongerAfterEachFailureButNeverLongerThanTheGroupInterval() {
        Notification f = firing(PRICING, 0);
        pending.add(f, 0);
        long now = 0;
        long[] waits = new long[6];
        for (int i = 0; i < waits.length; i++) {
            assertThat(notices(pending.takeDue(now))).containsExactly(f);
            long retryAt = pending.failed(f, now + 1_000);
            waits[i] = retryAt - (now + 1_000);
            assertThat(pending.nextRetryAt()).isEqualTo(OptionalLong.of(retryAt));
            assertThat(pending.takeDue(retryAt - 1)).isEmpty();
            now = retryAt;
        }
        assertThat(waits).containsExactly(5_000, 10_000, 20_000, 30_000, 30_000, 30_000);
        assertThat(pending.takeDue(now)).singleElement().satisfies(p -> {
            assertThat(p.failures()).isEqualTo(6);
            assertThat(p.pendingSince()).isZero();
        });
    }

    @Test
    void theWaitIsSpreadByTheJitterAndTheSpreadWaitIsCappedToo() {
        // nextDouble 0.75 draws 0.5 from [-1, 1): a wait 10% above nominal with a jitter of 0.2
        RandomGenerator threeQuarters = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return 0.75;
            }
        };
        PendingNotices jittered = new PendingNotices(key -> PendingPolicy.DEFAULT,
                new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(5), 2, 0.2), threeQuarters);
        PendingPolicy groupOf21s = new PendingPolicy(Duration.ofSeconds(21), false);
        assertThat(jittered.retryDelay(1, groupOf21s)).isEqualTo(Duration.ofMillis(5_500));
        assertThat(jittered.retryDelay(2, groupOf21s)).isEqualTo(Duration.ofSeconds(11));
        assertThat(jittered.retryDelay(3, groupOf21s)).isEqualTo(Duration.ofSeconds(21)); // 22 s capped
        assertThat(jittered.retryDelay(3, PendingPolicy.DEFAULT)).isEqualTo(Duration.ofSeconds(22));
    }

    @Test
    void aNewerNoticeReplacesOneThatWaitsKeepingItsAgeAndItsBackoff() {
        Notification f = firing(PRICING, 0);
        pending.add(f, 0);
        pending.takeDue(0);
        assertThat(pending.failed(f, 1_000)).isEqualTo(6_000);
        Notification r = resolved(PRICING, 2_000);
        pending.add(r, 2_000);

        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.takeDue(5_999)).isEmpty();
        assertThat(pending.takeDue(6_000)).singleElement().satisfies(p -> {
            assertThat(p.notice()).isSameAs(r);
            assertThat(p.pendingSince()).isZero();
            assertThat(p.failures()).isEqualTo(1);
            assertThat(p.resent()).isFalse();
        });
        pending.sent(r);
        assertThat(pending.size()).isZero();
        assertThat(pending.nextRetryAt()).isEmpty();
    }

    @Test
    void aNoticeOutIsNotCalledBackTheNewestOfThoseBehindItGoesNextAndOnlyAfterIt() {
        Notification f1 = firing(PRICING, 0);
        pending.add(f1, 0);
        assertThat(notices(pending.takeDue(0))).containsExactly(f1);
        Notification r1 = resolved(PRICING, 1_000);
        Notification f2 = firing(PRICING, 2_000);
        pending.add(r1, 1_000);
        pending.add(f2, 2_000);

        assertThat(pending.size()).isEqualTo(2);
        assertThat(pending.takeDue(3_000)).isEmpty(); // f1 is still out
        pending.sent(f1);
        assertThat(pending.takeDue(3_000)).singleElement().satisfies(p -> {
            assertThat(p.notice()).isSameAs(f2);
            assertThat(p.pendingSince()).isEqualTo(1_000); // the replaced r1 waited since then
        });
    }

    @Test
    void aNoticeOutThatFailsGivesWayToTheNewerOneThatCameMeanwhile() {
        Notification f1 = firing(PRICING, 0);
        pending.add(f1, 0);
        pending.takeDue(0);
        Notification r1 = resolved(PRICING, 1_000);
        pending.add(r1, 1_000);
        assertThat(pending.size()).isEqualTo(2);

        assertThat(pending.failed(f1, 2_000)).isEqualTo(7_000);
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.takeDue(7_000)).containsExactly(new PendingNotices.Pending(r1, 0, 1, 7_000, false));
    }

    @Test
    void aRouteThatSendsEveryTransitionKeepsThemAllInOrder() {
        Notification f1 = firing(EVERY, 0);
        Notification r1 = resolved(EVERY, 1_000);
        Notification f2 = firing(EVERY, 2_000);
        pending.add(f1, 0);
        assertThat(notices(pending.takeDue(0))).containsExactly(f1);
        pending.failed(f1, 500);
        pending.add(r1, 1_000);
        pending.add(f2, 2_000);
        assertThat(pending.size()).isEqualTo(3);

        assertThat(pending.takeDue(5_499)).isEmpty();
        assertThat(notices(pending.takeDue(5_500))).containsExactly(f1);
        pending.sent(f1);
        assertThat(notices(pending.takeDue(5_500))).containsExactly(r1);
        assertThat(pending.takeDue(5_500)).isEmpty();
        pending.sent(r1);
        assertThat(notices(pending.takeDue(5_500))).containsExactly(f2);
    }

    @Test
    void aFailingGroupDoesNotHoldUpAnother() {
        Notification pricing = firing(PRICING, 0);
        Notification blog = firing(BLOG, 0);
        pending.add(pricing, 0);
        pending.add(blog, 0);
        assertThat(notices(pending.takeDue(0))).containsExactly(pricing, blog);
        pending.failed(pricing, 100);
        pending.sent(blog);
        Notification blogResolved = resolved(BLOG, 200);
        pending.add(blogResolved, 200);
        assertThat(notices(pending.takeDue(200))).containsExactly(blogResolved);
    }

    @Test
    void aRefusedNoticeIsDroppedAndTheNextOfItsGroupGoes() {
        Notification f1 = firing(EVERY, 0);
        Notification r1 = resolved(EVERY, 1_000);
        pending.add(f1, 0);
        pending.takeDue(0);
        pending.add(r1, 1_000);
        pending.refused(f1);
        assertThat(notices(pending.takeDue(1_000))).containsExactly(r1);
        assertThat(pending.backlog()).containsExactly(Map.entry("web", new PendingNotices.Backlog(1, 1_000, 1)));
    }

    @Test
    void theBacklogCountsWhatWaitsSinceWhenAndTheFailuresSinceTheLastSuccess() {
        Notification pricing = firing(PRICING, 0);
        Notification blog = firing(BLOG, 4_000);
        pending.add(pricing, 1_000);
        pending.takeDue(1_000);
        pending.failed(pricing, 2_000);
        pending.add(blog, 4_000);
        pending.takeDue(4_000);
        pending.failed(blog, 4_500);
        PendingNotices.Backlog backlog = pending.backlog().get("web");
        assertThat(backlog).isEqualTo(new PendingNotices.Backlog(2, 1_000, 2));
        assertThat(backlog.oldestAgeSeconds(61_000)).isEqualTo(60.0);

        pending.takeDue(7_000);
        pending.sent(pricing);
        assertThat(pending.backlog()).containsExactly(Map.entry("web", new PendingNotices.Backlog(1, 4_000, 0)));
        pending.takeDue(9_500);
        pending.sent(blog);
        assertThat(pending.backlog()).isEmpty();
        assertThat(PendingNotices.Backlog.EMPTY.oldestAgeSeconds(61_000)).isZero();
    }

    @Test
    void aCheckpointMarksWhatIsOutAsResentAndARestoreTriesEverythingAtOnceInOrder() {
        Notification f1 = firing(EVERY, 0);
        Notification r1 = resolved(EVERY, 1_000);
        Notification blog = firing(BLOG, 2_000);
        pending.add(f1, 0);
        pending.add(blog, 2_000);
        pending.takeDue(2_000);
        pending.failed(blog, 2_500);
        pending.add(r1, 3_000);

        List<PendingNotices.Pending> state = pending.state();
        assertThat(state).containsExactly(
                new PendingNotices.Pending(f1, 0, 0, 0, true),
                new PendingNotices.Pending(r1, 3_000, 0, 3_000, false),
                new PendingNotices.Pending(blog, 2_000, 1, 7_500, false));

        PendingNotices restored = new PendingNotices(key -> POLICIES.get(key.substring(0, key.indexOf(":{"))),
                BACKOFF, RandomGenerator.of("L64X128MixRandom"));
        restored.restore(state, 60_000);
        assertThat(restored.takeDue(60_000)).containsExactly(
                new PendingNotices.Pending(f1, 0, 0, 60_000, true),
                new PendingNotices.Pending(blog, 2_000, 1, 60_000, false));
        restored.sent(f1);
        assertThat(restored.takeDue(60_000)).containsExactly(new PendingNotices.Pending(r1, 3_000, 0, 60_000, false));
        // a notice that may have reached the receiver stays marked when it fails again after the restore
        assertThat(restored.state()).contains(new PendingNotices.Pending(r1, 3_000, 0, 60_000, true));
    }

    @Test
    void aResentNoticeThatIsReplacedIsNoLongerADuplicate() {
        Notification f1 = firing(PRICING, 0);
        pending.restore(List.of(new PendingNotices.Pending(f1, 0, 2, 0, true)), 10_000);
        Notification r1 = resolved(PRICING, 11_000);
        pending.add(r1, 11_000);
        assertThat(pending.takeDue(11_000)).containsExactly(new PendingNotices.Pending(r1, 0, 2, 10_000, false));
    }

    @Test
    void onlyTheNoticeOutCanBeAnswered() {
        Notification f1 = firing(EVERY, 0);
        Notification r1 = resolved(EVERY, 1_000);
        pending.add(f1, 0);
        pending.add(r1, 1_000);
        assertThatThrownBy(() -> pending.sent(f1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f1.id());
        pending.takeDue(1_000);
        assertThatThrownBy(() -> pending.failed(r1, 1_000)).isInstanceOf(IllegalStateException.class);
    }
}
