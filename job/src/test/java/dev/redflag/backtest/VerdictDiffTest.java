package dev.redflag.backtest;

import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.redflag.backtest.Fixtures.CATALOG;
import static dev.redflag.backtest.Fixtures.HOUR;
import static dev.redflag.backtest.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule change judged by the verdicts given on the old rules' alerts, on a hand-built pair of
 * timelines (hours of 2026-11-02):
 *
 * <pre>
 * series            old       new       verdict on the old period
 * /pricing          03..05    03..05    real (exact: fingerprint and start)        caught
 * /pricing          08..10    –         real at 09:00, false alarm at 09:30: false  dropped
 * /pricing          12..13    –         real                                       missed
 * /blog             04..09    05..09    false alarm, given on fingerprint fp-v1-blog starting 04:30
 *                                       (the labels changed): joined by series and time  kept, moved
 * /blog             15..16    15..16    none
 * stall (ads)       07..      –         false alarm                                dropped
 * (no period)                           real on /pricing at 20:00: judges nothing
 * </pre>
 */
class VerdictDiffTest {

    private final Fixtures.Bounce pricing = new Fixtures.Bounce("/pricing");
    private final Fixtures.Bounce blog = new Fixtures.Bounce("/blog");
    private final SeriesNames names = new SeriesNames(Fixtures.RULES);

    private final Timeline old = Timeline.of(List.of(
            pricing.firing(3, 0.7), blog.firing(4, 0.9), pricing.resolved(3, 5, 0.3), Fixtures.stallFiring(7),
            pricing.firing(8, 0.8), blog.resolved(4, 9, 0.4), pricing.resolved(8, 10, 0.3),
            pricing.firing(12, 0.8), pricing.resolved(12, 13, 0.3), blog.firing(15, 0.9), blog.resolved(15, 16, 0.3)),
            CATALOG);
    private final Timeline neu = Timeline.of(List.of(
            pricing.firing(3, 0.7), pricing.resolved(3, 5, 0.3), blog.firing(5, 0.9), blog.resolved(5, 9, 0.4),
            blog.firing(15, 0.9), blog.resolved(15, 16, 0.3)), CATALOG);

    private final List<Feedback> feedback = List.of(
            verdict(FeedbackAction.REAL_PROBLEM, "fp-/pricing", "/pricing", t(3), t(3) + HOUR / 4),
            verdict(FeedbackAction.REAL_PROBLEM, "fp-/pricing", "/pricing", t(8), t(9)),
            verdict(FeedbackAction.FALSE_ALARM, "fp-/pricing", "/pricing", t(8), t(9) + HOUR / 2),
            verdict(FeedbackAction.ACKNOWLEDGE, "fp-/pricing", "/pricing", t(12), t(12) + 60_000),
            verdict(FeedbackAction.REAL_PROBLEM, "fp-/pricing", "/pricing", t(12), t(12) + HOUR / 2),
            verdict(FeedbackAction.FALSE_ALARM, "fp-v1-blog", "/blog", t(4) + HOUR / 2, t(6)),
            stallVerdict(t(7), t(8)),
            verdict(FeedbackAction.REAL_PROBLEM, "fp-/pricing", "/pricing", t(20), t(21)));

    @Test
    void verdictsJoinByFingerprintAndStartOrBySeriesAndTheTimeTheLivePeriodStarted() {
        PeriodVerdicts verdicts = PeriodVerdicts.of(old.periods(), feedback, CATALOG);
        List<String> judged = new ArrayList<>();
        verdicts.verdicts().forEach((p, v) -> judged.add(names.of(p) + " " + (p.start() - t(0)) / HOUR + " " + v));
        assertThat(judged).containsExactly(
                "BounceRateRising{page=\"/pricing\",tenant=\"acme\"} 3 REAL",
                "BounceRateRising{page=\"/blog\",tenant=\"acme\"} 4 FALSE_ALARM",
                "MqlToSqlStalled{channel=\"ads\",tenant=\"acme\"} 7 FALSE_ALARM",
                "BounceRateRising{page=\"/pricing\",tenant=\"acme\"} 8 FALSE_ALARM",
                "BounceRateRising{page=\"/pricing\",tenant=\"acme\"} 12 REAL");
        assertThat(verdicts.unmatched()).isEqualTo(1);
    }

    @Test
    void aVerdictOnALivePeriodThatStartedOutsideEveryOldPeriodOfItsSeriesJudgesNothing() {
        // /blog fired 04..09: a live period starting at 09:00 (its end) is not that one
        PeriodVerdicts verdicts = PeriodVerdicts.of(old.periods(),
                List.of(verdict(FeedbackAction.FALSE_ALARM, "fp-v1-blog", "/blog", t(9), t(10))), CATALOG);
        assertThat(verdicts.verdicts()).isEmpty();
        assertThat(verdicts.unmatched()).isEqualTo(1);
    }

    @Test
    void scoresRecallAndPrecisionOfTheChangeOnTheJudgedPeriods() {
        List<VerdictDiff.Judged> judged = judged();
        assertThat(VerdictDiff.score(judged)).isEqualTo(new VerdictDiff.Score(2, 1, 3, 1));
        assertThat(VerdictDiff.score(judged).falseDropped()).isEqualTo(2);
    }

    @Test
    void theMarkdownMarksEachJudgedOldPeriodWithItsVerdictAndItsFate() {
        assertThat(VerdictDiff.markdown(judged(), old.periods().size(), 1)).isEqualTo("""

                **Against the verdicts given in Slack:** 5 of 6 firing periods of the old rules judged \
                (2 real, 3 false alarms); 1 verdict judged no period of this history.

                | | old rules | new rules |
                |---|--:|--:|
                | real problems caught (recall) | 2 of 2 | 1 of 2 (50%) |
                | false alarms | 3 | 1 (2 dropped) |
                | precision on judged periods | 40% | 50% |

                | verdict | alert | firing before | new rules |
                |---|---|---|---|
                | real | `BounceRateRising{page="/pricing",tenant="acme"}` | 2026-11-02T03:00:00Z .. 2026-11-02T05:00:00Z | still fires |
                | false alarm | `BounceRateRising{page="/blog",tenant="acme"}` | 2026-11-02T04:00:00Z .. 2026-11-02T09:00:00Z | still fires (start +1h, end same) |
                | false alarm | `MqlToSqlStalled{channel="ads",tenant="acme"}` | 2026-11-02T07:00:00Z .. end | dropped |
                | false alarm | `BounceRateRising{page="/pricing",tenant="acme"}` | 2026-11-02T08:00:00Z .. 2026-11-02T10:00:00Z | dropped |
                | real | `BounceRateRising{page="/pricing",tenant="acme"}` | 2026-11-02T12:00:00Z .. 2026-11-02T13:00:00Z | **missed** |
                """);
    }

    @Test
    void withoutVerdictsTheSectionSaysSo() {
        assertThat(VerdictDiff.markdown(List.of(), 6, 0)).isEqualTo("""

                **Against the verdicts given in Slack:** 0 of 6 firing periods of the old rules judged \
                (0 real, 0 false alarms).

                No verdict to judge the change by.
                """);
    }

    private List<VerdictDiff.Judged> judged() {
        List<TimelineDiff.Change> changes = TimelineDiff.between(names.periods(old), names.periods(neu));
        return VerdictDiff.judged(names, old.periods(), PeriodVerdicts.of(old.periods(), feedback, CATALOG), changes);
    }

    private static Feedback verdict(FeedbackAction action, String fingerprint, String page, long startsAt, long at) {
        return new Feedback(action, "U0ALICE", "alice", fingerprint, Instant.ofEpochMilli(startsAt),
                "web/BounceRateRising", "BounceRateRising", new TreeMap<>(Map.of("alertname", "BounceRateRising",
                "kpi", "bounce_rate", "window", "1h", "tenant", "acme", "page", page, "severity", "warning")),
                "growth", null, null, null, Instant.ofEpochMilli(at));
    }

    private static Feedback stallVerdict(long startsAt, long at) {
        return new Feedback(FeedbackAction.FALSE_ALARM, "U0BOB", "bob", "fp-stall", Instant.ofEpochMilli(startsAt),
                "funnel/MqlToSqlStalled", "MqlToSqlStalled", new TreeMap<>(Map.of("alertname", "MqlToSqlStalled",
                "kpi", "mql_to_sql_rate", "window", "1h", "tenant", "acme", "channel", "ads")),
                "growth", null, null, null, Instant.ofEpochMilli(at));
    }
}
