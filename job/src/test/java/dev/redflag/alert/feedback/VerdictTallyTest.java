package dev.redflag.alert.feedback;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTallyTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

    private static Feedback on(String rule, String fingerprint, long startsAt, FeedbackAction action, Instant at) {
        return new Feedback(action, "U1", null, fingerprint, Instant.ofEpochMilli(startsAt), rule, "A",
                new TreeMap<>(), "web", null, null, null, at);
    }

    @Test
    void precisionIsRealPeriodsOverJudgedPeriodsPerRule() {
        VerdictTally tally = new VerdictTally();
        assertThat(tally.precision("checkout")).isEmpty();

        assertThat(tally.record(on("checkout", "f1", 1, FeedbackAction.REAL_PROBLEM, T))).hasValue(1.0);
        assertThat(tally.record(on("checkout", "f2", 1, FeedbackAction.FALSE_ALARM, T))).hasValue(0.5);
        assertThat(tally.record(on("checkout", "f1", 2, FeedbackAction.FALSE_ALARM, T))).hasValue(1.0 / 3);
        assertThat(tally.record(on("signup", "f9", 1, FeedbackAction.FALSE_ALARM, T))).hasValue(0.0);

        assertThat(tally.precisions()).isEqualTo(Map.of("checkout", 1.0 / 3, "signup", 0.0));
    }

    @Test
    void aPeriodCountsOnceWithItsLatestVerdict() {
        VerdictTally tally = new VerdictTally();
        tally.record(on("checkout", "f1", 1, FeedbackAction.FALSE_ALARM, T));
        tally.record(on("checkout", "f1", 1, FeedbackAction.FALSE_ALARM, T.plusSeconds(5)));
        assertThat(tally.precision("checkout")).hasValue(0.0);

        tally.record(on("checkout", "f1", 1, FeedbackAction.REAL_PROBLEM, T.plusSeconds(60)));
        assertThat(tally.precision("checkout")).hasValue(1.0);

        // a click replayed out of order does not undo a newer one
        tally.record(on("checkout", "f1", 1, FeedbackAction.FALSE_ALARM, T.plusSeconds(30)));
        assertThat(tally.precision("checkout")).hasValue(1.0);
        assertThat(tally.verdicts()).singleElement().satisfies(f ->
                assertThat(f.action()).isEqualTo(FeedbackAction.REAL_PROBLEM));
    }

    @Test
    void acknowledgementsAndSnoozesJudgeNothing() {
        VerdictTally tally = new VerdictTally();
        assertThat(tally.record(on("checkout", "f1", 1, FeedbackAction.ACKNOWLEDGE, T))).isEmpty();
        assertThat(tally.record(on("checkout", "f1", 1, FeedbackAction.SNOOZE, T))).isEmpty();
        assertThat(tally.verdicts()).isEmpty();
    }
}
