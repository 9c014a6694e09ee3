package dev.redflag.backtest;

import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;
import dev.redflag.alert.feedback.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What people said about each firing period, from the feedback records: the verdict and the first
 * acknowledgement, by the period's fingerprint and start ({@code starts_at}), as the buttons of the
 * message carried them. When a period has several verdicts (two people, or one who changed their
 * mind) the latest one, by the time it was given, counts.
 */
public final class Verdicts {

    /** One firing period: its alert's fingerprint and when it fired. */
    private record Period(String fingerprint, long start) {
    }

    private final Map<Period, Feedback> verdicts = new HashMap<>();
    private final Map<Period, Instant> acknowledged = new HashMap<>();

    private Verdicts() {
    }

    public static Verdicts of(Collection<Feedback> records) {
        Verdicts v = new Verdicts();
        // by time, the order of the topic for equal times: a later record replaces an earlier verdict
        List<Feedback> inOrder = new ArrayList<>(records);
        inOrder.sort(Comparator.comparing(Feedback::at));
        for (Feedback f : inOrder) {
            Period p = new Period(f.fingerprint(), f.startsAt().toEpochMilli());
            if (f.verdict().isPresent()) {
                v.verdicts.put(p, f);
            } else if (f.action() == FeedbackAction.ACKNOWLEDGE) {
                v.acknowledged.putIfAbsent(p, f.at());
            }
        }
        return v;
    }

    /** The verdict on the firing period of {@code fingerprint} that started at {@code start}. */
    public Optional<Verdict> verdict(String fingerprint, long start) {
        return Optional.ofNullable(verdicts.get(new Period(fingerprint, start))).flatMap(Feedback::verdict);
    }

    /** When the firing period was first acknowledged. */
    public Optional<Instant> acknowledged(String fingerprint, long start) {
        return Optional.ofNullable(acknowledged.get(new Period(fingerprint, start)));
    }

    /** The record of each period's verdict (the one that counts), for joins that need more than the key. */
    public List<Feedback> verdictRecords() {
        List<Feedback> out = new ArrayList<>(verdicts.values());
        out.sort(Comparator.comparing(Feedback::at).thenComparing(Feedback::fingerprint));
        return out;
    }
}
