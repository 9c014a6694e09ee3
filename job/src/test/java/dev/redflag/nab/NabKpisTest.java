package dev.redflag.nab;

import dev.redflag.event.EventDecoder;
import dev.redflag.event.MetricEvent;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.Condition;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import dev.redflag.testing.NabCorpusDir;
import dev.redflag.testing.RequiresNabCorpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NabKpisTest {

    private static final long MINUTE = 60_000;

    /** Rows at 0, 5, 10, 10, 12, 20 minutes: step 5 minutes; 10, 10 and 12 share a window. */
    private static final NabSeries SMALL = new NabSeries("realTest/Speed_t-40.csv",
            new long[]{0, 5 * MINUTE, 10 * MINUTE, 10 * MINUTE, 12 * MINUTE, 20 * MINUTE},
            new double[]{1, 2, 3, 5, 7, 4}, List.of(new Window(2, 4)));

    @Test
    void everyFileIsAMetricKpiOverWindowsOfItsStep() {
        NabKpis kpis = new NabKpis(List.of(SMALL));
        assertThat(kpis.kpi(0)).isEqualTo("nab_speed_t_40");
        assertThat(kpis.file("nab_speed_t_40")).isZero();
        assertThat(kpis.file("nab_other")).isEqualTo(-1);
        assertThat(kpis.step(0)).isEqualTo(5 * MINUTE);
        assertThat(kpis.window(0)).isEqualTo("5m");
        assertThat(kpis.windowStart(0, 4)).isEqualTo(10 * MINUTE);
        KpiCatalog catalog = kpis.catalog();
        assertThat(catalog.specs().keySet()).containsExactly("nab_speed_t_40");
        assertThat(catalog.spec("nab_speed_t_40").windows().get(0).label()).isEqualTo("5m");
    }

    @Test
    void rowsAreMetricEventsNamedAfterTheirFile() {
        List<byte[]> lines = new NabKpis(List.of(SMALL)).events();
        assertThat(lines).hasSize(6);
        assertThat(new String(lines.get(1))).isEqualTo(
                "{\"type\":\"metric\",\"ts\":300000,\"name\":\"realTest/Speed_t-40.csv\",\"value\":2.0}");
        MetricEvent e = (MetricEvent) new EventDecoder().decode(lines.get(4)).event();
        assertThat(e.name()).isEqualTo("realTest/Speed_t-40.csv");
        assertThat(e.value()).isEqualTo(7);
        assertThat(e.ts()).isEqualTo(12 * MINUTE);
    }

    @Test
    void theDirectReplayAveragesTheRowsOfAWindow() {
        List<KpiValue> values = DirectScoring.values(new NabKpis(List.of(SMALL)), 0);
        assertThat(values).extracting(KpiValue::windowStart).containsExactly(0L, 5 * MINUTE, 10 * MINUTE, 20 * MINUTE);
        assertThat(values).extracting(KpiValue::value).containsExactly(1.0, 2.0, 5.0, 4.0);
        assertThat(values.get(2).sample()).isEqualTo(3);
        assertThat(values.get(2).windowEnd()).isEqualTo(15 * MINUTE);
    }

    @Test
    void theRulesFileHasOneValidRulePerFileAndDetector() {
        NabKpis kpis = new NabKpis(List.of(SMALL));
        NabDetector seasonal = new NabDetector("seasonal_range", new Condition.Anomaly(Condition.AnomalyMethod.RANGE,
                1500, 5, null, Condition.Season.DAY), 96);
        String yaml = kpis.rules(List.of(seasonal));
        assertThat(yaml).isEqualTo("""
                groups:
                  - name: nab_speed_t_40
                    rules:
                      - alert: NabSeasonalRange
                        kpi: nab_speed_t_40
                        when: {anomaly: range, windows: 1500, season: day}
                        severity: info
                """);
        RuleSet set = RuleLoader.parse(yaml, "nab.yaml", kpis.catalog());
        assertThat(set.rules().get(0).condition()).isEqualTo(seasonal.detector());
    }

    @Test
    @RequiresNabCorpus
    void acrossTheCorpus173RowsShareTheirWindowWithAnother() throws IOException {
        NabKpis kpis = new NabKpis(NabCorpus.read(NabCorpusDir.DIR));
        int shared = 0;
        for (int f = 0; f < kpis.corpus().size(); f++) {
            shared += kpis.corpus().get(f).rows() - DirectScoring.values(kpis, f).size();
        }
        assertThat(shared).isEqualTo(173);
        assertThat(kpis.window(kpis.file("nab_exchange_3_cpc_results"))).isEqualTo("1h");
        assertThat(kpis.window(kpis.file("nab_nyc_taxi"))).isEqualTo("30m");
        assertThat(kpis.window(kpis.file("nab_traveltime_451"))).isEqualTo("10m");
        assertThat(kpis.catalog().specs()).hasSize(58);
    }
}
