package dev.redflag.backtest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.eval.ChartData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.redflag.backtest.Fixtures.CATALOG;
import static dev.redflag.backtest.Fixtures.RULES;
import static org.assertj.core.api.Assertions.assertThat;

class ChartPageTest {

    private static final String EVIL = "/<script>alert(\"x\")</script>&'";

    @Test
    void oneChartPerAlertingSeriesWithEveryEventDerivedTextEscaped() {
        Fixtures.Bounce evil = new Fixtures.Bounce(EVIL);
        Map<String, String> dims = Map.of("tenant", "acme", "page", EVIL);
        List<KpiValue> values = List.of(Fixtures.value("bounce_rate", dims, 1, 0.3),
                Fixtures.value("bounce_rate", dims, 2, 0.8), Fixtures.value("bounce_rate", dims, 3, 0.3),
                Fixtures.value("bounce_rate", Map.of("tenant", "acme", "page", "/quiet"), 2, 0.3));
        Timeline timeline = Timeline.of(List.of(evil.firing(2, 0.8), evil.resolved(2, 3, 0.3)), CATALOG);
        String html = ChartPage.html("events <1>.jsonl", timeline, values, new Peaks(values, RULES, CATALOG),
                HistorySpan.of(values));

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"")
                .contains("events &lt;1&gt;.jsonl")
                .contains("<h2>bounce_rate{page=&quot;/&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;"
                        + "&amp;&#39;&quot;,"
                        + "tenant=&quot;acme&quot;}</h2>")
                .contains("<li><b>BounceRateRising</b> (warning) firing 2026-11-02T02:00:00Z .. "
                        + "2026-11-02T03:00:00Z, peak 80%</li>")
                .doesNotContain("<script", "/quiet", "src=", "href", "url(", "@import");
        // nothing to fetch: the only address is the SVG namespace, a name rather than a resource
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:", "https:");
        assertThat(html.split("<svg", -1)).hasSize(2);
        assertThat(html).contains("<rect ").contains("<polyline ");
    }

    @Test
    void aFiringListsItsExamplesEscaped() {
        Fixtures.Bounce bounce = new Fixtures.Bounce("/p");
        AlertEvent plain = bounce.firing(2, 0.8);
        Map<String, String> annotations = new java.util.LinkedHashMap<>(plain.annotations());
        annotations.put(AlertEvent.EXAMPLES, "2acb6dff0fdc · channel=<paid>\n657b0593b703 · channel=seo");
        AlertEvent firing = new AlertEvent(plain.ruleId(), plain.alertname(), plain.severity(), plain.shadow(),
                plain.fingerprint(), plain.kpi(), plain.window(), plain.labels(), annotations, plain.transition(),
                plain.valueText());
        Map<String, String> dims = Map.of("tenant", "acme", "page", "/p");
        List<KpiValue> values = List.of(Fixtures.value("bounce_rate", dims, 2, 0.8));
        String html = ChartPage.html("h", Timeline.of(List.of(firing), CATALOG), values,
                new Peaks(values, RULES, CATALOG), HistorySpan.of(values));
        assertThat(html).contains(", peak 80%<br>examples:<ul class=\"examples\">"
                + "<li><code>2acb6dff0fdc · channel=&lt;paid&gt;</code></li>"
                + "<li><code>657b0593b703 · channel=seo</code></li></ul></li>");
    }

    @Test
    void aFiringsChartAddsItsBaselineAndBandAroundIt() {
        Map<String, String> dims = Map.of("tenant", "acme", "page", "/pricing");
        List<KpiValue> values = List.of(Fixtures.value("bounce_rate", dims, 1, 0.3),
                Fixtures.value("bounce_rate", dims, 2, 0.8), Fixtures.value("bounce_rate", dims, 3, 0.3));
        // baseline 0.3 and the limit 0.5 for the windows ending at 1:00 and 2:00; none before 1:00 or after 2:00
        AlertEvent firing = new Fixtures.Bounce("/pricing").firing(2, 0.8).withChart(new ChartData("ratio",
                Fixtures.HOUR, Fixtures.t(1), Fixtures.t(2), List.of(
                        new ChartData.Point(Fixtures.t(-1), 0.3, 0.3, Double.NaN, 0.5),
                        new ChartData.Point(Fixtures.t(0), 0.3, 0.3, Double.NaN, 0.5),
                        new ChartData.Point(Fixtures.t(1), 0.8, 0.3, Double.NaN, 0.5))));
        Timeline timeline = Timeline.of(List.of(firing), CATALOG);
        String html = ChartPage.html("h", timeline, values, new Peaks(values, RULES, CATALOG), HistorySpan.of(values),
                ChartPage.bands(List.of(firing), CATALOG));

        // x from 60 (1:00) to 890 (3:00), y from 192 (0.3) to 24 (0.8): 0.5 is at 124.8
        assertThat(html).contains("<polyline fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.2\" "
                        + "points=\"60.0,192.0 475.0,192.0 \"/>")
                .contains("<polyline fill=\"none\" stroke=\"#cf222e\" stroke-width=\"1.2\" stroke-dasharray=\"5,3\" "
                        + "points=\"60.0,124.8 475.0,124.8 \"/>");
        assertThat(ChartPage.bands(List.of(firing, new Fixtures.Bounce("/pricing").resolved(2, 3, 0.3)), CATALOG))
                .containsOnlyKeys(AlertSeries.of(firing, CATALOG));
    }

    @Test
    void alertsWithoutASeriesAreListedApartAndNoAlertSaysSo() {
        Timeline none = Timeline.of(List.of(), CATALOG);
        assertThat(ChartPage.html("h", none, List.of(), new Peaks(List.of(), RULES, CATALOG), HistorySpan.EMPTY))
                .contains("<p>No alert fired.</p>").doesNotContain("<svg");

        Timeline stall = Timeline.of(List.of(Fixtures.stallFiring(7)), CATALOG);
        assertThat(ChartPage.html("h", stall, List.of(), new Peaks(List.of(), RULES, CATALOG), HistorySpan.EMPTY))
                .contains("<h2>Alerts without a KPI series to chart</h2>")
                .contains("<li><b>MqlToSqlStalled</b> <code>mql_to_sql_rate{channel=&quot;ads&quot;,"
                        + "tenant=&quot;acme&quot;}</code> (critical) firing 2026-11-02T07:00:00Z .. still firing, "
                        + "peak 0%</li>");
    }
}
