package dev.redflag.nab;

import dev.redflag.testing.NabCorpusDir;
import dev.redflag.testing.RequiresNabCorpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The detectors' NAB scores, replayed without Flink ({@link NabRunIT} shows the job gives the same
 * scores): the headline number over the whole corpus and the ad-exchange files that the CLI test
 * also checks.
 */
@RequiresNabCorpus
class NabDetectorsTest {

    private static List<NabReport.DetectorResult> report(NabKpis kpis, List<NabDetector> detectors) {
        List<FileScores> scores = new ArrayList<>();
        for (int f = 0; f < kpis.corpus().size(); f++) {
            scores.add(DirectScoring.score(kpis, f, detectors));
        }
        return NabReport.of(kpis, detectors, scores, null, Profile.published());
    }

    private static NabDetector named(String name) {
        return NabDetectors.all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void rangeBeatsTwitterAdvecWindowedGaussianAndSkylineOverTheWholeCorpus() throws IOException {
        NabKpis kpis = new NabKpis(NabCorpus.read(NabCorpusDir.DIR));
        NabReport.DetectorResult range = report(kpis, List.of(named("range"))).get(0);
        List<NabReport.ProfileScore> p = range.profiles();
        assertThat(p.get(0).normalised()).isCloseTo(60.63, within(0.005)).isGreaterThan(47.06);
        assertThat(p.get(0).threshold()).isCloseTo(0.5007, within(0.0001));
        // published reward_low_FP 33.61 / 20.87 / 27.08, reward_low_FN 53.50 / 47.41 / 44.48
        assertThat(p.get(1).normalised()).isCloseTo(53.84, within(0.005));
        assertThat(p.get(2).normalised()).isCloseTo(64.79, within(0.005));
    }

    @Test
    void adExchangeScoresOfEveryDetector() throws IOException {
        NabKpis kpis = new NabKpis(NabCorpus.read(NabCorpusDir.DIR, name -> name.startsWith("realAdExchange/")));
        List<NabReport.DetectorResult> results = report(kpis, NabDetectors.all());
        assertThat(results).extracting(r -> r.detector().name()).containsExactly("range", "seasonal_range", "ewma",
                "seasonal_ewma", "robust_z", "seasonal_robust_z");
        assertThat(results).extracting(r -> Math.round(r.profiles().get(0).normalised() * 100) / 100.0)
                .containsExactly(64.87, 75.22, 36.91, 41.13, 35.81, 48.15);
    }
}
