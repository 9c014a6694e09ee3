package dev.redflag.nab;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.rules.Condition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NabReportTest {

    private static final long HOUR = 3_600_000;
    private static final NabDetector RANGE = new NabDetector("range",
            new Condition.Anomaly(Condition.AnomalyMethod.RANGE, 4, 5, null), 0);

    /** 10 hourly rows, window 3..6 (03:00 .. 06:00): the scorer's hand-worked file. */
    private static final NabSeries TEN = NabScorerTest.file(10, new Window(3, 6));

    private static AlertEvent alert(String name, Transition.Phase phase, long windowStart) {
        Transition t = new Transition(phase, windowStart + HOUR, windowStart + HOUR, 0, 1, 0, 0, windowStart,
                windowStart + HOUR, false);
        return new AlertEvent("nab_ten/" + name, name, "info", false, "f", "nab_ten", "1h", new TreeMap<>(),
                Map.of(), t);
    }

    @Test
    void falseAlertsAreFiringTransitionsOutsideEveryWindow() {
        NabKpis kpis = new NabKpis(List.of(TEN));
        List<AlertEvent> alerts = List.of(
                alert("NabRange", Transition.Phase.FIRING, 1 * HOUR),   // before the window: false
                alert("NabRange", Transition.Phase.RESOLVED, 2 * HOUR),
                alert("NabRange", Transition.Phase.FIRING, 4 * HOUR),   // in the window
                alert("NabRange", Transition.Phase.FIRING, 6 * HOUR),   // the window's last row still counts
                alert("NabRange", Transition.Phase.FIRING, 8 * HOUR),   // after: false
                alert("NabEwma", Transition.Phase.FIRING, 8 * HOUR));   // another detector
        assertThat(NabReport.alertCounts(kpis, "NabRange", alerts)).containsExactly(2, 1);
        assertThat(NabReport.alertCounts(kpis, "NabEwma", alerts)).containsExactly(1, 0);
    }

    @Test
    void theReportScoresEveryProfileAndCountsAlertsPerSeriesWeek() {
        NabKpis kpis = new NabKpis(List.of(TEN));
        // a score of 0.8 on the window's first row (03:00), nothing else
        double[] scores = new double[10];
        scores[3] = 0.8;
        long[] starts = new long[10];
        for (int i = 0; i < 10; i++) {
            starts[i] = i * HOUR;
        }
        FileScores file = new FileScores(0, starts, new double[][]{scores});
        List<NabReport.DetectorResult> results = NabReport.of(kpis, List.of(RANGE), List.of(file),
                List.of(alert("NabRange", Transition.Phase.FIRING, 8 * HOUR)), Profile.published());
        NabReport.DetectorResult r = results.get(0);
        assertThat(r.profiles()).extracting(NabReport.ProfileScore::threshold).containsExactly(0.8, 0.8, 0.8);
        // one window detected on its first row: raw = A_TP = 1, normalised 100
        assertThat(r.profiles()).extracting(NabReport.ProfileScore::normalised).containsExactly(100.0, 100.0, 100.0);
        assertThat(r.falseAlerts()).isEqualTo(1);
        // 9 hours = 9 / 168 weeks
        assertThat(r.falseAlertsPerSeriesWeek()).isCloseTo(168.0 / 9, within(1e-9));
        assertThat(r.windowsAlerted()).isZero();
        assertThat(NabReport.of(kpis, List.of(RANGE), List.of(file), null, Profile.published()).get(0)
                .falseAlertsPerSeriesWeek()).isNaN();
    }
}
