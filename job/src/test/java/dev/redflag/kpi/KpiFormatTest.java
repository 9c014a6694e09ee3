package dev.redflag.kpi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact texts for each kind of KPI, with the edges: zero, NaN, tiny, huge, negative, equal. */
class KpiFormatTest {

    private static final List<WindowSpec> HOUR = List.of(WindowSpec.tumbling(Duration.ofHours(1)));
    private static final KpiCatalog SEED = KpiCatalog.builtins(HOUR);

    private static final KpiFormat RATIO = SEED.format("bounce_rate");
    private static final KpiFormat NPS = SEED.format("nps");
    private static final KpiFormat HOURS = SEED.format("mql_age_p50");
    private static final KpiFormat EUROS = new KpiCatalog(SEED.specs().values().stream().toList(), "€").format("arpu");
    private static final KpiFormat COUNT = unit("count", 1);
    private static final KpiFormat PLAIN = KpiFormat.PLAIN;

    private static KpiFormat unit(String unit, double scale) {
        return KpiFormat.of(new KpiSpec("k", "", KpiFamily.WINDOWED, Aggregation.SUM, scale, unit, List.of(), HOUR,
                List.of()), "");
    }

    @Test
    void unitsOfTheCatalogChooseTheKind() {
        assertThat(RATIO).isEqualTo(new KpiFormat(KpiFormat.Kind.RATIO, 1, ""));
        assertThat(NPS).isEqualTo(new KpiFormat(KpiFormat.Kind.POINTS, 1, ""));
        assertThat(HOURS).isEqualTo(new KpiFormat(KpiFormat.Kind.DURATION, 3600, ""));
        assertThat(EUROS).isEqualTo(new KpiFormat(KpiFormat.Kind.CURRENCY, 1, "€"));
        assertThat(SEED.format("cpc")).isEqualTo(new KpiFormat(KpiFormat.Kind.CURRENCY, 1, ""));
        assertThat(unit("ratio", 100)).isEqualTo(new KpiFormat(KpiFormat.Kind.RATIO, 100, ""));
        assertThat(unit("percent", 1)).isEqualTo(new KpiFormat(KpiFormat.Kind.RATIO, 100, ""));
        assertThat(unit("EUR", 1)).isEqualTo(new KpiFormat(KpiFormat.Kind.CURRENCY, 1, "EUR"));
        assertThat(unit("seconds", 1)).isEqualTo(new KpiFormat(KpiFormat.Kind.DURATION, 1, ""));
        assertThat(unit("ms", 1)).isEqualTo(new KpiFormat(KpiFormat.Kind.DURATION, 0.001, ""));
        assertThat(unit("count", 1)).isEqualTo(new KpiFormat(KpiFormat.Kind.COUNT, 1, ""));
        assertThat(unit("value", 1)).isEqualTo(KpiFormat.PLAIN);
        assertThat(unit("req/s", 1)).isEqualTo(new KpiFormat(KpiFormat.Kind.VALUE, 1, "req/s"));
        assertThat(SEED.format("not_a_kpi")).isEqualTo(KpiFormat.PLAIN);
    }

    @Test
    void ratiosArePercentagesWithThreeSignificantDigitsBelowAHundred() {
        assertThat(RATIO.value(0.6667)).isEqualTo("66.7%");
        assertThat(RATIO.value(2.0 / 3)).isEqualTo("66.7%");
        assertThat(RATIO.value(0.0042)).isEqualTo("0.42%");
        assertThat(RATIO.value(0.4)).isEqualTo("40%");
        assertThat(RATIO.value(0.02167)).isEqualTo("2.17%");
        assertThat(RATIO.value(0)).isEqualTo("0%");
        assertThat(RATIO.value(-0.0)).isEqualTo("0%");
        assertThat(RATIO.value(1e-7)).isEqualTo("0.00001%");
        assertThat(RATIO.value(-0.05)).isEqualTo("−5%");
        assertThat(RATIO.value(1)).isEqualTo("100%");
        assertThat(RATIO.value(12.345)).isEqualTo("1,235%");
        assertThat(RATIO.value(1e20)).isEqualTo("1e22%");
        assertThat(RATIO.value(Double.NaN)).isEmpty();
        assertThat(RATIO.value(Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(unit("ratio", 100).value(66.67)).isEqualTo("66.7%");
    }

    @Test
    void ratioChangesArePercentagePoints() {
        assertThat(RATIO.change(0.61, 0.40)).isEqualTo("+21 points");
        assertThat(RATIO.change(0.6667, 0.40)).isEqualTo("+27 points");
        assertThat(RATIO.change(0.348, 0.40)).isEqualTo("−5.2 points");
        assertThat(RATIO.change(0.41, 0.40)).isEqualTo("+1 point");
        assertThat(RATIO.change(0.0012, 0.0004)).isEqualTo("+0.08 points");
        assertThat(RATIO.change(0.4, 0.4)).isEqualTo("±0 points");
        assertThat(RATIO.change(0.4, Double.NaN)).isEmpty();
        assertThat(RATIO.change(Double.NaN, 0.4)).isEmpty();
        assertThat(unit("ratio", 100).change(61, 40)).isEqualTo("+21 points");
    }

    @Test
    void npsIsASignedWholeScoreAndChangesInPoints() {
        assertThat(NPS.value(32)).isEqualTo("+32");
        assertThat(NPS.value(-12)).isEqualTo("−12");
        assertThat(NPS.value(0)).isEqualTo("0");
        assertThat(NPS.value(33.5)).isEqualTo("+34");
        assertThat(NPS.value(-0.4)).isEqualTo("0");
        assertThat(NPS.change(10, 40)).isEqualTo("−30 points");
        assertThat(NPS.change(41, 40)).isEqualTo("+1 point");
        assertThat(NPS.change(40.2, 40)).isEqualTo("±0 points");
    }

    @Test
    void moneyHasItsCurrencyAndCentsBelowAThousand() {
        assertThat(EUROS.value(12.4)).isEqualTo("€12.40");
        assertThat(EUROS.value(1234.5)).isEqualTo("€1,235");
        assertThat(EUROS.value(0.0042)).isEqualTo("€0.0042");
        assertThat(EUROS.value(0)).isEqualTo("€0.00");
        assertThat(EUROS.value(-12.4)).isEqualTo("−€12.40");
        assertThat(EUROS.value(1e18)).isEqualTo("€1e18");
        assertThat(unit("EUR", 1).value(12.4)).isEqualTo("12.40 EUR");
        assertThat(unit("EUR", 1).value(-1234567.8)).isEqualTo("−1,234,568 EUR");
        assertThat(SEED.format("cpc").value(12.4)).isEqualTo("12.40");
        assertThat(EUROS.change(45, 60)).isEqualTo("−25%");
        assertThat(EUROS.change(126, 60)).isEqualTo("×2.1");
    }

    @Test
    void hoursAreDurations() {
        assertThat(HOURS.value(3)).isEqualTo("3h");
        assertThat(HOURS.value(28)).isEqualTo("1d 4h");
        assertThat(HOURS.value(0.75)).isEqualTo("45 min");
        assertThat(HOURS.value(10.0 / 3)).isEqualTo("3h 20 min");
        assertThat(HOURS.value(48)).isEqualTo("2d");
        assertThat(HOURS.value(23.99)).isEqualTo("23h 59 min");
        assertThat(HOURS.value(23.995)).isEqualTo("1d");
        assertThat(HOURS.value(1e6)).isEqualTo("41,666d 16h");
        assertThat(HOURS.value(0.0001)).isEqualTo("360 ms");
        assertThat(HOURS.value(0)).isEqualTo("0 s");
        assertThat(HOURS.value(-2)).isEqualTo("−2h");
        assertThat(unit("seconds", 1).value(42)).isEqualTo("42 s");
        assertThat(unit("seconds", 1).value(59.6)).isEqualTo("1 min");
        assertThat(unit("seconds", 1).value(0.85)).isEqualTo("850 ms");
        assertThat(unit("ms", 1).value(120)).isEqualTo("120 ms");
        assertThat(HOURS.change(6, 3)).isEqualTo("×2.0");
        assertThat(HOURS.change(2, 3)).isEqualTo("−33%");
    }

    @Test
    void countsAreWholeWithThousandsGrouped() {
        assertThat(COUNT.value(1_234_567)).isEqualTo("1,234,567");
        assertThat(COUNT.value(30)).isEqualTo("30");
        assertThat(COUNT.value(150.5)).isEqualTo("151");
        assertThat(COUNT.value(2.5)).isEqualTo("2.5");
        assertThat(COUNT.value(12.25)).isEqualTo("12");
        assertThat(COUNT.value(0.04)).isEqualTo("0.04");
        assertThat(COUNT.value(0)).isEqualTo("0");
        assertThat(COUNT.value(-3)).isEqualTo("−3");
    }

    @Test
    void otherChangesAreRelativeAndAFactorFromTwiceTheBaseline() {
        assertThat(COUNT.change(30, 100)).isEqualTo("−70%");
        assertThat(COUNT.change(0, 2)).isEqualTo("−100%");
        assertThat(COUNT.change(210, 100)).isEqualTo("×2.1");
        assertThat(COUNT.change(200, 100)).isEqualTo("×2.0");
        assertThat(COUNT.change(199.9, 100)).isEqualTo("+100%");
        assertThat(COUNT.change(138.7, 100)).isEqualTo("+39%");
        assertThat(COUNT.change(103.5, 100)).isEqualTo("+3.5%");
        assertThat(COUNT.change(100.01, 100)).isEqualTo("+0.01%");
        assertThat(COUNT.change(100, 100)).isEqualTo("±0%");
        assertThat(COUNT.change(1500, 100)).isEqualTo("×15");
        assertThat(COUNT.change(1e20, 1)).isEqualTo("×1e20");
        assertThat(COUNT.change(0, 0)).isEqualTo("±0%");
        assertThat(COUNT.change(5, 0)).isEmpty();
        assertThat(PLAIN.change(-0.05, 0.05)).isEqualTo("−200%");
        assertThat(PLAIN.change(1, Double.POSITIVE_INFINITY)).isEmpty();
    }

    @Test
    void otherValuesKeepFourSignificantDigitsAndTheirUnit() {
        assertThat(PLAIN.value(0.6667)).isEqualTo("0.6667");
        assertThat(PLAIN.value(2.0 / 3)).isEqualTo("0.6667");
        assertThat(PLAIN.value(12.345)).isEqualTo("12.35");
        assertThat(PLAIN.value(12345.6)).isEqualTo("12,346");
        assertThat(PLAIN.value(0.0000123456)).isEqualTo("0.00001235");
        assertThat(PLAIN.value(-1.5)).isEqualTo("−1.5");
        assertThat(PLAIN.value(1)).isEqualTo("1");
        assertThat(PLAIN.value(Double.NEGATIVE_INFINITY)).isEqualTo("−∞");
        assertThat(unit("req/s", 1).value(12.5)).isEqualTo("12.5 req/s");
    }

    @Test
    void textsPutValueBaselineAndChangeTogether() {
        assertThat(RATIO.texts(0.6667, 0.4)).isEqualTo(new ValueText("66.7%", "40%", "+27 points"));
        assertThat(RATIO.texts(0.6667, Double.NaN)).isEqualTo(new ValueText("66.7%", "", ""));
        assertThat(RATIO.texts(Double.NaN, Double.NaN)).isEqualTo(ValueText.NONE);
    }
}
