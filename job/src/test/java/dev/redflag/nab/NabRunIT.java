package dev.redflag.nab;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;
import dev.redflag.testing.NabCorpusDir;
import dev.redflag.testing.RequiresNabCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The six ad-exchange files through the job's operators on a Flink mini cluster: the scores equal
 * those of the plain replay (so the unit tests and parameter searches measure what the job does),
 * and every alert the job's rule operator fires is a value whose score reached 0.5, the default
 * sensitivity.
 */
@Timeout(300)
@RequiresNabCorpus
class NabRunIT {

    @Test
    void theJobScoresAsThePlainReplayAndAlertsWhereTheScoreReachesAHalf() throws Exception {
        List<NabSeries> corpus = NabCorpus.read(NabCorpusDir.DIR, name -> name.startsWith("realAdExchange/"));
        NabKpis kpis = new NabKpis(corpus);
        List<NabDetector> detectors = NabDetectors.all();
        NabRun.Result run = NabRun.run(kpis, detectors);

        assertThat(run.scores()).hasSize(6);
        for (int f = 0; f < corpus.size(); f++) {
            FileScores job = run.scores().get(f);
            FileScores direct = DirectScoring.score(kpis, f, detectors);
            assertThat(job.windowStarts()).containsExactly(direct.windowStarts());
            for (int d = 0; d < detectors.size(); d++) {
                assertThat(job.scores()[d]).as("%s %s", kpis.kpi(f), detectors.get(d).name())
                        .containsExactly(direct.scores()[d]);
            }
        }
        int firing = 0;
        for (AlertEvent e : run.alerts()) {
            if (e.phase() != Transition.Phase.FIRING) {
                continue;
            }
            firing++;
            int f = kpis.file(e.kpi());
            int d = detectors.stream().map(NabKpis::alertName).toList().indexOf(e.alertname());
            FileScores s = run.scores().get(f);
            int w = Arrays.binarySearch(s.windowStarts(), e.transition().windowStart());
            assertThat(s.scores()[d][w]).as("%s at %d", e.alertname(), w).isGreaterThanOrEqualTo(0.5);
        }
        assertThat(firing).isPositive();
    }
}
