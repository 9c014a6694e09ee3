package dev.redflag.alert;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.eval.Judgement;
import dev.redflag.rules.eval.RuleEvaluator;
import dev.redflag.rules.eval.SeriesHistory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The demo's case through the per-series step: a page of 300 sessions an hour bouncing 30%, a
 * quiet day and six hours, then three hours at 75%. The hourly window fires at once and, once the
 * episode is over, the alert resolves. The 12h stretch is judged for the first time three hours
 * later (it needs a day of history before it), and still holds two of the episode's hours in its
 * newest third: it used to fire the alert anew "over the last 12h" although nothing new happened.
 * Windows an alert held on and then resolved are spent: a new alert must rest on the windows
 * after them, so a shift that really goes on fires again once those show it by themselves.
 */
class ResolvedEpisodeTest {

    private static final long T0 = Instant.parse("2026-12-04T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int EPISODE = 30;
    /** An episode after four weeks of history, when the baseline has settled. */
    private static final int SETTLED = 28 * 24 + 14;

    private static final String RULES = """
            groups:
              - name: web
                rules:
                  - alert: BounceRateRising
                    kpi: bounce_rate
                    window: auto
                    when: {shift: rise, percent: 20}
                    keep_firing_for: 1h
                    severity: warning
            """;

    private final KpiCatalog catalog = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    /** Hour {@code h} (from T0) with {@code bounced} of {@code sessions}. */
    private static KpiValue hour(int h, double bounced, int sessions) {
        long start = T0 + h * HOUR;
        return new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("tenant", "acme", "page", "/pricing")), start,
                start + HOUR, bounced / sessions, bounced, sessions, sessions, bounced, bounced, sessions);
    }

    /** The FIRING and RESOLVED transitions of the hours, as (phase, hours after T0 − {@code shownFrom}, judged window). */
    private List<org.assertj.core.groups.Tuple> run(double[] bounced, int sessions, int shownFrom) throws Exception {
        ActiveRules active = new ActiveRules(RuleLoader.parse(RULES, "web.yaml", catalog), catalog);
        SeriesStep step = new SeriesStep(AlertLifecycle.DEFAULT);
        SeriesInMemory series = new SeriesInMemory();
        List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
        for (int h = 0; h < bounced.length; h++) {
            for (AlertEvent e : step.value(active, series, hour(h, bounced[h], sessions))) {
                if (e.phase() != Transition.Phase.PENDING) {
                    out.add(tuple(e.phase(), (e.transition().at() - T0) / HOUR - shownFrom, e.transition().judgedWindow()));
                }
            }
        }
        return out;
    }

    /** 90 of 300 every hour, 225 in the episode's three hours. */
    private static double[] episode(int hours) {
        double[] b = new double[hours];
        for (int h = 0; h < hours; h++) {
            b[h] = h >= EPISODE && h < EPISODE + 3 ? 225 : 90;
        }
        return b;
    }

    @Test
    void anEpisodeThatResolvedDoesNotFireAgainOnALongerStretchThatStillHoldsIt() throws Exception {
        // fires on the hour it starts, holds on the 6h stretch one hour after it (its newest two windows 225
        // and 90 of 600 against 180 expected), resolves an hour after that; at 36h the 12h stretch, judged for
        // the first time, holds 225 + 3 × 90 of 1,200 in its newest four windows (z 4.56 against 4.35 for the
        // whole) and reaches back into the episode
        assertThat(run(episode(EPISODE + 14), 300, 0)).containsExactly(
                tuple(Transition.Phase.FIRING, 31L, "1h"),
                tuple(Transition.Phase.RESOLVED, 35L, "1h"));
        // the window ending at 36h: with nothing spent the 12h stretch is active, as it was before windows
        // were spent; with the alert's windows spent up to 34h, where it last held, it is not tried
        SeriesHistory history = new SeriesHistory(28 * 24 + 7 * 24 + 1);
        double[] bounced = episode(EPISODE + 6);
        for (int h = 0; h < EPISODE + 5; h++) {
            history.add(hour(h, bounced[h], 300));
        }
        Rule rule = RuleLoader.parse(RULES, "web.yaml", catalog).rules().get(0);
        KpiValue at36 = hour(EPISODE + 5, 90, 300);
        Judgement fresh = RuleEvaluator.judge(rule, history, at36, AlertState.NO_TIME);
        assertThat(fresh.active()).isTrue();
        assertThat(fresh.judgedWindow()).isEqualTo("12h");
        assertThat(fresh.value()).isCloseTo(0.4125, within(1e-12)); // (12 × 90 + 3 × 135) / 3,600
        Judgement spent = RuleEvaluator.judge(rule, history, at36, T0 + 34 * HOUR);
        assertThat(spent.active()).isFalse();
        assertThat(spent.reason()).endsWith("; longer stretches reach back before 2026-12-05T10:00:00Z, where an alert"
                + " that resolved last held");
    }


    /** Four weeks at 30 of 100, three hours at 75 from {@link #SETTLED}, then {@code after} from {@code from} hours later. */
    private static double[] settled(int from, double after) {
        double[] b = new double[SETTLED + 30];
        for (int h = 0; h < b.length; h++) {
            b[h] = h >= SETTLED && h < SETTLED + 3 ? 75 : h >= SETTLED + from ? after : 30;
        }
        return b;
    }

    @Test
    void aShiftThatGoesOnAfterTheEpisodeKeepsFiring() throws Exception {
        // 50 of 100 two hours after the episode, for good: the alert never stops holding, so nothing is spent
        assertThat(run(settled(5, 50), 100, SETTLED)).containsExactly(tuple(Transition.Phase.FIRING, 1L, "1h"));
    }

    @Test
    void aSlowRiseThatGoesOnFiresAgainOnTheHoursAfterTheEpisode() throws Exception {
        // 40 of 100 (+33%) right after the episode, for good: too little for an hour (z about 2.2) and, while
        // the episode dominates them, for the 3h and 6h stretches' newest parts; the alert resolves 8 hours
        // in, having last held on the window ending 7 hours in. Five hours later the 6h stretch of the
        // windows after that (6 × 40 against 180) fires it again
        assertThat(run(settled(3, 40), 100, SETTLED)).containsExactly(
                tuple(Transition.Phase.FIRING, 1L, "1h"),
                tuple(Transition.Phase.RESOLVED, 8L, "1h"),
                tuple(Transition.Phase.FIRING, 13L, "6h"));
    }
}
