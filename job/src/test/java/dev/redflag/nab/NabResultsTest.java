package dev.redflag.nab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabResultsTest {

    @TempDir
    Path tmp;

    @Test
    void writesOneCsvPerFileInNabsLayoutWithTheDataRowsScoresAndLabels() throws IOException {
        Path data = tmp.resolve("nab");
        file(data, "data/realThings/one.csv", """
                timestamp,value
                2020-01-01 00:00:00,1
                2020-01-01 00:05:00,2.5
                2020-01-01 00:10:00,3
                2020-01-01 00:15:00,4
                """);
        // the clock steps back into the window on the last row: NAB labels it 1 by its timestamp
        file(data, "data/artificialThings/two.csv", """
                timestamp,value
                2020-02-01 00:00:00,10
                2020-02-01 01:00:00,11.25
                2020-02-01 02:00:00,12
                2020-02-01 00:30:00,13
                """);
        file(data, "labels/combined_windows.json", """
                {"artificialThings/two.csv": [["2020-02-01 00:00:00.000000", "2020-02-01 01:00:00.000000"]],
                 "realThings/one.csv": [["2020-01-01 00:05:00.000000", "2020-01-01 00:10:00.000000"]]}
                """);
        List<NabSeries> corpus = NabCorpus.read(data);
        assertThat(corpus).extracting(NabSeries::name).containsExactly("artificialThings/two.csv", "realThings/one.csv");
        Path out = tmp.resolve("results");

        List<Path> written = NabResults.write(out, data, "redflagRange", corpus,
                List.of(new double[]{0.75, 0, 0.0625, 0.999}, new double[]{0, 0.125, 0.5, 1}));

        assertThat(written).containsExactly(
                out.resolve("redflagRange/artificialThings/redflagRange_two.csv"),
                out.resolve("redflagRange/realThings/redflagRange_one.csv"));
        assertThat(Files.readString(written.get(0))).isEqualTo("""
                timestamp,value,anomaly_score,label
                2020-02-01 00:00:00,10,0.75,1
                2020-02-01 01:00:00,11.25,0.0,1
                2020-02-01 02:00:00,12,0.0625,0
                2020-02-01 00:30:00,13,0.999,1
                """);
        assertThat(Files.readString(written.get(1))).isEqualTo("""
                timestamp,value,anomaly_score,label
                2020-01-01 00:00:00,1,0.0,0
                2020-01-01 00:05:00,2.5,0.125,1
                2020-01-01 00:10:00,3,0.5,1
                2020-01-01 00:15:00,4,1.0,0
                """);
    }

    @Test
    void aDataFileThatNoLongerMatchesWhatWasReadIsAnError() throws IOException {
        Path data = tmp.resolve("nab");
        file(data, "data/c/f.csv", "timestamp,value\n2020-01-01 00:00:00,1\n");
        NabSeries read = new NabSeries("c/f.csv", new long[]{0, 1}, new double[]{1, 2}, List.of());

        assertThatThrownBy(() -> NabResults.write(tmp.resolve("r"), data, "redflagRange", List.of(read),
                List.of(new double[]{0, 0})))
                .hasMessageEndingWith("f.csv: 1 rows, but 2 were read and 2 scored; has the file changed?");
    }

    @Test
    void detectorNamesAreCamelCaseSoNabsNormaliserReadsThemWhole() {
        List<String> names = NabDetectors.all().stream().map(NabResults::detectorName).toList();
        assertThat(names).containsExactly("redflagRange", "redflagSeasonalRange", "redflagEwma",
                "redflagSeasonalEwma", "redflagRobustZ", "redflagSeasonalRobustZ");
        assertThat(NabResults.path(Path.of("r"), "redflagRange", "realAdExchange/exchange-2_cpc_results.csv"))
                .isEqualTo(Path.of("r/redflagRange/realAdExchange/redflagRange_exchange-2_cpc_results.csv"));
    }

    private static void file(Path root, String name, String text) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
