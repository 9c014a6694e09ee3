package dev.redflag.scorecard;

import dev.redflag.kpi.KpiValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratedSeriesTest {

    private final dev.redflag.kpi.KpiCatalog catalog = Catalogs.shipped();

    @Test
    void aSeriesHasAValueForEachOfTheKpisDimensions() {
        assertThat(GeneratedSeries.of(catalog.spec("bounce_rate")).dims())
                .isEqualTo(Map.of("tenant", "acme", "page", "/pricing"));
        assertThat(GeneratedSeries.of(catalog.spec("nps")).dims()).isEqualTo(Map.of("tenant", "acme", "segment", "smb"));
        assertThat(GeneratedSeries.of(catalog.spec("churn_rate")).dims()).isEqualTo(Map.of("tenant", "acme"));
    }

    @Test
    void npsIsScaledToPointsAndKeepsItsRawNumeratorAndDenominator() {
        KpiValue v = GeneratedSeries.of(catalog.spec("nps")).value(0, 3_600_000, new Sums(5, 10, 10, 7, 5, 10));
        assertThat(v).isEqualTo(new KpiValue("nps", "1h", Map.of("tenant", "acme", "segment", "smb"), 0, 3_600_000,
                50, 5, 10, 10, 7, 5, 10));
    }

    @Test
    void aCountCarriesItsValueAndSampleOnly() {
        KpiValue v = GeneratedSeries.of(catalog.spec("sessions")).value(0, 3_600_000, new Sums(4, 4, 4, 4, 4, 4));
        assertThat(v.value()).isEqualTo(4);
        assertThat(v.numerator()).isNaN();
        assertThat(v.denominator()).isNaN();
        assertThat(v.sample()).isEqualTo(4);
    }

    @Test
    void aWindowWithoutEventsIsNotEmittedAndOneWithSqlsButNoMqlHasNoValue() {
        GeneratedSeries sessions = GeneratedSeries.of(catalog.spec("sessions"));
        GeneratedSeries funnel = GeneratedSeries.of(catalog.spec("mql_to_sql_rate"));
        assertThat(sessions.value(0, 1, new Sums(0, 0, 0, 0, 0, 0))).isNull();
        assertThat(funnel.value(0, 1, new Sums(0, 0, 0, 0, 0, 0))).isNull();
        // as the funnel operator emits it: the SQLs count, the rate is undefined
        KpiValue sqlsOnly = funnel.value(0, 1, new Sums(2, 0, 0, 2, 0, 0));
        assertThat(sqlsOnly.value()).isNaN();
        assertThat(sqlsOnly.numerator()).isEqualTo(2);
        assertThat(sqlsOnly.denominator()).isZero();
    }

    @Test
    void aKpiWithoutAnHourlyWindowIsRefused() {
        dev.redflag.kpi.KpiSpec daily = catalog.spec("nps").withDimsAndWindows(java.util.List.of("tenant"),
                java.util.List.of(dev.redflag.kpi.WindowSpec.parse("1d")), catalog.spec("nps").inputs());
        assertThatThrownBy(() -> GeneratedSeries.of(daily)).hasMessage("KPI nps has no 1h window (windows: [1d])");
    }
}
