package dev.redflag.notify.delivery;

import dev.redflag.notify.dispatch.Notification;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The notices a receiver has not taken yet, per notification group, and when each is tried next:
 * what keeps an outage of Slack from losing anything. A notice stays here from hand-over until
 * the receiver takes it or refuses it for good; one that only failed is tried again after a
 * growing, jittered wait that never exceeds its route's {@code group_interval}, as Alertmanager
 * retries a notification until the group's next flush.
 *
 * <p>Per group one notice is out at a time, the oldest, so the receiver hears a group's notices in
 * the order they were made: a resolution never before its firing, an older state never after a
 * newer one. While one waits, a newer notice of its group takes its place (the receiver is told
 * the group as it stands, not every step it went through during the outage) unless the route
 * {@link PendingPolicy#sendEveryTransition asks for every transition}; one already out cannot be
 * called back, so the newer one waits behind it and takes its place if it fails.
 *
 * <p>What a checkpoint keeps is {@link #state()}: every notice with its failures and since when it
 * waits, and whether it was out, so may have been taken. After a restore those go again and are
 * {@link Pending#resent() resent}: duplicates are bounded by the notices out at the checkpoint.
 *
 * <p>Plain logic over times the caller gives (epoch milliseconds); not thread-safe, the owner
 * guards it.
 */
public final class PendingNotices {

    /**
     * One notice waiting for its receiver.
     *
     * @param notice       what is to be sent
     * @param pendingSince when the group's oldest untold notice was handed over: a notice that
     *                     replaces another keeps the time of the one it replaced
     * @param failures     tries that failed so far
     * @param retryAt      when it may be tried (again)
     * @param resent       it was out when the checkpoint it was restored from was taken, so the
     *                     receiver may have it already
     */
    public record Pending(Notification notice, long pendingSince, int failures, long retryAt, boolean resent) {

        public Pending {
            Objects.requireNonNull(notice, "notice");
            if (failures < 0) {
                throw new IllegalArgumentException("failures must not be negative: " + failures);
            }
        }

        String groupKey() {
            return notice.groupKey();
        }
    }

    /**
     * A receiver's backlog, for its gauges.
     *
     * @param pending             notices waiting or out
     * @param oldestSince         hand-over time of the oldest of them; 0 when there are none
     * @param consecutiveFailures tries that failed or were refused since the receiver last took one
     */
    public record Backlog(int pending, long oldestSince, int consecutiveFailures) {

        public static final Backlog EMPTY = new Backlog(0, 0, 0);

        /** Seconds the oldest notice has waited at {@code now}; 0 when none waits. */
        public double oldestAgeSeconds(long now) {
            return pending == 0 ? 0 : Math.max(0, now - oldestSince) / 1000.0;
        }
    }

    private final Function<String, PendingPolicy> policies;
    private final RetryPolicy backoff;
    private final RandomGenerator random;
    private final Map<String, Deque<Pending>> groups = new LinkedHashMap<>();
    private final Set<String> out = new HashSet<>();
    private final Map<String, Integer> failuresInARow = new HashMap<>();

    /**
     * @param policies the policy of a group, by group key
     * @param backoff  the waits between tries before the cap ({@link RetryPolicy#backoff(int, RandomGenerator)}
     *                 after failure n); its attempt limit does not apply: a notice is tried until taken
     */
    public PendingNotices(Function<String, PendingPolicy> policies, RetryPolicy backoff, RandomGenerator random) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Queues a new notice of its group, to be tried at once unless the group has one out or waiting. */
    public void add(Notification notice, long now) {
        Deque<Pending> queue = groups.computeIfAbsent(notice.groupKey(), k -> new ArrayDeque<>());
        Pending last = queue.peekLast();
        boolean replaceable = last != null && !(queue.size() == 1 && out.contains(notice.groupKey()));
        if (replaceable && !policies.apply(notice.groupKey()).sendEveryTransition()) {
            queue.pollLast();
            queue.addLast(new Pending(notice, last.pendingSince(), last.failures(), last.retryAt(), false));
            return;
        }
        queue.addLast(new Pending(notice, now, 0, now, false));
    }

    /** Every group's oldest notice that may be tried at {@code now} and is not out; they are out from here. */
    public List<Pending> takeDue(long now) {
        List<Pending> due = new ArrayList<>();
        for (Map.Entry<String, Deque<Pending>> group : groups.entrySet()) {
            Pending head = group.getValue().peekFirst();
            if (head != null && head.retryAt() <= now && out.add(group.getKey())) {
                due.add(head);
            }
        }
        return due;
    }

    /** The receiver took the group's notice that was out. */
    public void sent(Notification notice) {
        remove(notice);
        failuresInARow.remove(notice.receiver());
    }

    /** The receiver refused the group's notice that was out, for good: it is dropped. */
    public void refused(Notification notice) {
        remove(notice);
        failuresInARow.merge(notice.receiver(), 1, Integer::sum);
    }

    /**
     * The group's notice that was out failed and stays: it is tried again after
     * {@link #retryDelay(int, PendingPolicy)}. When a newer notice of the group came meanwhile and
     * the route does not send every transition, the newer one takes its place.
     *
     * @return when the group's notice will be tried again
     */
    public long failed(Notification notice, long now) {
        Pending head = head(notice);
        out.remove(notice.groupKey());
        failuresInARow.merge(notice.receiver(), 1, Integer::sum);
        int failures = head.failures() + 1;
        PendingPolicy policy = policies.apply(notice.groupKey());
        long retryAt = now + retryDelay(failures, policy).toMillis();
        Deque<Pending> queue = groups.get(notice.groupKey());
        queue.pollFirst();
        Pending next = head;
        boolean resent = head.resent();
        if (!queue.isEmpty() && !policy.sendEveryTransition()) {
            next = queue.pollFirst();
            resent = false;
        }
        queue.addFirst(new Pending(next.notice(), head.pendingSince(), failures, retryAt, resent));
        return retryAt;
    }

    /** The wait after the {@code failures}-th failed try: the backoff, jittered, never above the group interval. */
    public Duration retryDelay(int failures, PendingPolicy policy) {
        Duration wait = backoff.backoff(failures, random);
        return wait.compareTo(policy.groupInterval()) > 0 ? policy.groupInterval() : wait;
    }

    /** When the next waiting notice that is not out may be tried; empty when none waits. */
    public OptionalLong nextRetryAt() {
        OptionalLong next = OptionalLong.empty();
        for (Map.Entry<String, Deque<Pending>> group : groups.entrySet()) {
            Pending head = group.getValue().peekFirst();
            if (head != null && !out.contains(group.getKey())
                    && (next.isEmpty() || head.retryAt() < next.getAsLong())) {
                next = OptionalLong.of(head.retryAt());
            }
        }
        return next;
    }

    /** Notices waiting or out, all groups together. */
    public int size() {
        int n = 0;
        for (Deque<Pending> queue : groups.values()) {
            n += queue.size();
        }
        return n;
    }

    /** Notices out now. */
    public int outCount() {
        return out.size();
    }

    /** Each receiver's backlog, for the receivers that have one or have failed since their last success. */
    public Map<String, Backlog> backlog() {
        Map<String, Backlog> byReceiver = new TreeMap<>();
        for (Deque<Pending> queue : groups.values()) {
            for (Pending p : queue) {
                byReceiver.merge(p.notice().receiver(), new Backlog(1, p.pendingSince(), 0),
                        (a, b) -> new Backlog(a.pending() + 1, Math.min(a.oldestSince(), b.oldestSince()), 0));
            }
        }
        failuresInARow.forEach((receiver, failures) -> byReceiver.merge(receiver, new Backlog(0, 0, failures),
                (a, b) -> new Backlog(a.pending(), a.oldestSince(), failures)));
        return byReceiver;
    }

    /**
     * What a checkpoint keeps: every notice, groups in the order they came, each group's in its
     * order; a notice out now is marked {@link Pending#resent() resent}, since the receiver may take
     * it before the checkpoint could tell.
     */
    public List<Pending> state() {
        List<Pending> state = new ArrayList<>(size());
        for (Map.Entry<String, Deque<Pending>> group : groups.entrySet()) {
            Iterator<Pending> it = group.getValue().iterator();
            boolean head = true;
            while (it.hasNext()) {
                Pending p = it.next();
                boolean maybeTaken = p.resent() || (head && out.contains(group.getKey()));
                state.add(new Pending(p.notice(), p.pendingSince(), p.failures(), p.retryAt(), maybeTaken));
                head = false;
            }
        }
        return state;
    }

    /** Takes over a checkpoint's notices, behind any already here; all may be tried at once. */
    public void restore(List<Pending> state, long now) {
        for (Pending p : state) {
            groups.computeIfAbsent(p.groupKey(), k -> new ArrayDeque<>())
                    .addLast(new Pending(p.notice(), p.pendingSince(), p.failures(), now, p.resent()));
        }
    }

    private Pending head(Notification notice) {
        Deque<Pending> queue = groups.get(notice.groupKey());
        Pending head = queue == null ? null : queue.peekFirst();
        if (head == null || head.notice() != notice || !out.contains(notice.groupKey())) {
            throw new IllegalStateException("not the notice out for its group: " + notice.id());
        }
        return head;
    }

    private void remove(Notification notice) {
        head(notice);
        Deque<Pending> queue = groups.get(notice.groupKey());
        queue.pollFirst();
        out.remove(notice.groupKey());
        if (queue.isEmpty()) {
            groups.remove(notice.groupKey());
        }
    }
}
