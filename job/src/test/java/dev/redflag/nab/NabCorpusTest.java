package dev.redflag.nab;

import dev.redflag.testing.NabCorpusDir;
import dev.redflag.testing.RequiresNabCorpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabCorpusTest {

    @Test
    @RequiresNabCorpus
    void readsTheWholeCorpusWithItsWindowsAsRowRanges() throws IOException {
        List<NabSeries> corpus = NabCorpus.read(NabCorpusDir.DIR);
        assertThat(corpus).hasSize(58);
        assertThat(corpus.stream().mapToInt(NabSeries::rows).sum()).isEqualTo(365_558);
        assertThat(corpus.stream().mapToInt(s -> s.windows().size()).sum()).isEqualTo(116);
        Map<String, NabSeries> byName = corpus.stream().collect(Collectors.toMap(NabSeries::name, s -> s));
        // row ranges as listed in the dataset's README
        assertThat(byName.get("realAdExchange/exchange-2_cpm_results.csv").windows())
                .containsExactly(new Window(565, 645), new Window(934, 1014));
        assertThat(byName.get("realKnownCause/nyc_taxi.csv").windows()).containsExactly(new Window(5839, 6045),
                new Window(7080, 7286), new Window(8423, 8629), new Window(8731, 8937), new Window(9977, 10183));
        assertThat(byName.get("realTraffic/speed_6005.csv").windows()).containsExactly(new Window(2261, 2499));
        assertThat(byName.get("artificialNoAnomaly/art_flatline.csv").windows()).isEmpty();
        NabSeries cpc = byName.get("realAdExchange/exchange-3_cpc_results.csv");
        assertThat(cpc.shortName()).isEqualTo("exchange-3_cpc_results");
        assertThat(cpc.rows()).isEqualTo(1538);
        assertThat(cpc.values()[0]).isEqualTo(0.102708933718);
        // 2011-07-01 00:15:01 read as UTC
        assertThat(cpc.timestamps()[0]).isEqualTo(1_309_479_301_000L);
    }

    @Test
    void aLabelThatMatchesNoRowIsAnError() {
        long[] ts = {0, 1000, 2000};
        assertThat(NabCorpus.rows("x.csv", ts, List.of(new long[]{1000, 2000}))).containsExactly(new Window(1, 2));
        assertThatThrownBy(() -> NabCorpus.rows("x.csv", ts, List.of(new long[]{1000, 1500})))
                .hasMessageContaining("x.csv: label window 1970-01-01T00:00:01 .. 1970-01-01T00:00:01.500");
    }

    @Test
    void aWindowStartsAtTheFirstRowWithItsStartAndEndsAtTheFirstWithItsEnd() {
        long[] ts = {0, 1000, 1000, 2000, 2000, 3000};
        assertThat(NabCorpus.rows("x.csv", ts, List.of(new long[]{1000, 2000}))).containsExactly(new Window(1, 3));
    }
}
