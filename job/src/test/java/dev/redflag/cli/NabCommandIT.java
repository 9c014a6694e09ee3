package dev.redflag.cli;

import dev.redflag.nab.FileLayout;
import dev.redflag.nab.NabCorpus;
import dev.redflag.nab.NabSeries;
import dev.redflag.nab.Profile;
import dev.redflag.nab.ThresholdSweep;
import dev.redflag.testing.NabCorpusDir;
import dev.redflag.testing.RequiresNabCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.redflag.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redflag nab} on the six ad-exchange files of the NAB corpus ({@link NabCorpusDir}), through
 * the job's operators; its usage errors, which need no corpus.
 */
@Timeout(300)
class NabCommandIT {

    @Test
    @RequiresNabCorpus
    void scoresTheAdExchangeFilesAsATable() {
        CliRun r = run("nab", "--data", NabCorpusDir.DIR.toString(), "--files", "realAdExchange/*");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("NAB: 6 files, 9610 rows, 14 windows; through the job's operators");
        assertThat(lines.get(2)).matches("DETECTOR +standard +threshold +reward_low_FP_rate +threshold "
                + "+reward_low_FN_rate +threshold +false alerts/series/week +windows alerted");
        assertThat(lines.subList(3, 9)).extracting(l -> l.split(" +")[0]).containsExactly("range", "seasonal_range",
                "ewma", "seasonal_ewma", "robust_z", "seasonal_robust_z");
        // a known-good value: range over these six files, standard profile
        assertThat(lines.get(3)).startsWith("range ").contains(" 64.87 ");
        assertThat(lines.get(3).split(" +")).hasSize(9);
        // a subset is not comparable with the published corpus scores, so they are left out
        assertThat(r.out()).doesNotContain("(published)");
        assertThat(r.out()).contains("range: {anomaly: range, windows: 1500}, onset 96");
    }

    @Test
    @RequiresNabCorpus
    void csvHasOneLinePerDetectorAndProfile() {
        CliRun r = run("nab", "--data", NabCorpusDir.DIR.toString(), "--files", "realAdExchange/exchange-3_*", "--detector",
                "range", "--profile", "standard", "--profile", "reward_low_FN_rate", "--format", "csv", "--direct");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("detector,profile,threshold,raw_score,nab_score,false_alerts,"
                + "false_alerts_per_series_week,windows_alerted");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("range,standard,");
        assertThat(lines.get(2)).startsWith("range,reward_low_FN_rate,").endsWith(",,,");
    }

    @Test
    @RequiresNabCorpus
    void writesNabsResultsLayoutWithTheScoresItScored(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("results");
        CliRun r = run("nab", "--data", NabCorpusDir.DIR.toString(), "--files", "realAdExchange/*", "--detector",
                "range", "--profile", "standard", "--format", "csv", "--direct", "--results", dir.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<NabSeries> corpus = NabCorpus.read(NabCorpusDir.DIR, name -> name.startsWith("realAdExchange/"));
        assertThat(corpus).hasSize(6);
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(6);
        }
        List<double[]> written = new ArrayList<>();
        for (NabSeries s : corpus) {
            Path csv = dir.resolve("redflagRange/realAdExchange/redflagRange_" + s.shortName() + ".csv");
            List<String> data = Files.readAllLines(NabCorpusDir.DIR.resolve("data").resolve(s.name()));
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines).as(csv.toString()).hasSize(data.size());
            assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
            double[] scores = new double[s.rows()];
            int labelled = 0;
            for (int i = 0; i < s.rows(); i++) {
                String[] cells = lines.get(i + 1).split(",");
                assertThat(cells[0] + "," + cells[1]).isEqualTo(data.get(i + 1));
                scores[i] = Double.parseDouble(cells[2]);
                assertThat(scores[i]).as(csv + " row " + i).isBetween(0.0, 1.0);
                labelled += Integer.parseInt(cells[3]);
            }
            assertThat(labelled).as(csv.toString()).isEqualTo(s.windows().stream().mapToInt(w -> w.size()).sum());
            written.add(scores);
        }
        // the files carry exactly the scores the command scored: its optimiser finds the same on them
        String[] standard = r.out().lines().toList().get(1).split(",");
        ThresholdSweep.Best best = ThresholdSweep.optimise(corpus.stream().map(FileLayout::new).toList(), written,
                Profile.STANDARD);
        assertThat(best.threshold()).isEqualTo(Double.parseDouble(standard[2]));
        assertThat(best.rawScore()).isEqualTo(Double.parseDouble(standard[3]));
        assertThat(r.out()).doesNotContain("NAB results");
    }

    @Test
    void unknownNamesAreUsageErrors() {
        CliRun misspelt = run("nab", "--data", "no/such/dir", "--detector", "rnage");
        assertThat(misspelt.exit()).isEqualTo(2);
        assertThat(misspelt.err()).contains("--detector rnage: unknown; use one of range, seasonal_range, ewma");
        CliRun missing = run("nab", "--data", "no/such/dir");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no labels/combined_windows.json");
    }
}
