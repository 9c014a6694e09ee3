package dev.redflag.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the query checks read from an expression: its variables, and the metrics it names. */
class PromqlTest {

    @Test
    void findsVariablesInEveryGrafanaSyntax() {
        assertThat(Promql.variables("rate(x{tenant=~\"$tenant\", page=~\"${page}\", c=~\"${channel:regex}\"}"
                + "[$__rate_interval]) offset [[shift]]"))
                .containsExactly("tenant", "page", "channel", "__rate_interval", "shift");
    }

    @Test
    void substitutesValuesAsGrafanaSendsThem() {
        assertThat(Promql.substitute("{__name__=\"redflag_kpi_$kpi\", page=~\"${page}\"}[$__rate_interval]",
                Map.of("kpi", "bounce_rate", "page", ".*", "__rate_interval", "1m")))
                .isEqualTo("{__name__=\"redflag_kpi_bounce_rate\", page=~\".*\"}[1m]");
        assertThatThrownBy(() -> Promql.substitute("x{a=\"$nope\"}", Map.of()))
                .hasMessage("no value for $nope in x{a=\"$nope\"}");
    }

    @Test
    void readsGrafanasVariableQueries() {
        assertThat(VariableQuery.parse("label_values({__name__=~\"redflag_kpi_.+\", tenant=~\"$tenant\"}, channel)"))
                .isEqualTo(new VariableQuery(VariableQuery.Kind.LABEL_VALUES,
                        "{__name__=~\"redflag_kpi_.+\", tenant=~\"$tenant\"}", "channel", ""));
        assertThat(VariableQuery.parse("label_values(mode)"))
                .isEqualTo(new VariableQuery(VariableQuery.Kind.LABEL_VALUES, "", "mode", ""));
        assertThat(VariableQuery.parse("metrics(redflag_kpi_.+)"))
                .isEqualTo(new VariableQuery(VariableQuery.Kind.METRICS, "", "__name__", "redflag_kpi_.+"));
        assertThat(VariableQuery.parse("query_result(topk(3, sum by (kpi) (x)))"))
                .isEqualTo(new VariableQuery(VariableQuery.Kind.QUERY_RESULT, "topk(3, sum by (kpi) (x))", "", ""));
        assertThatThrownBy(() -> VariableQuery.parse("label_names()"))
                .hasMessage("not a Prometheus variable query Grafana knows: label_names()");
    }

    @Test
    void namesTheMetricsAnExpressionReads() {
        assertThat(Promql.metricNames("""
                sum by (integration, receiver) (
                    (redflag_notifications_total{outcome="failed"}
                      unless redflag_notifications_total{outcome="failed"} offset 15m)
                  or
                    increase(redflag_notifications_total{outcome="failed"}[15m])
                ) > 0"""))
                .containsExactly("redflag_notifications_total");
        assertThat(Promql.metricNames("histogram_quantile(0.95, sum by (le) (rate(x_bucket{a=\"b or c\"}[5m])))"
                + " / on (job) group_left (instance) redflag:dead_letter_ratio:rate5m * 1e3"))
                .containsExactly("x_bucket", "redflag:dead_letter_ratio:rate5m");
        assertThat(Promql.metricNames("count(ALERTS{alertname=~\"Redflag.+\"}) or vector(0)"))
                .containsExactly("ALERTS");
        assertThat(Promql.metricNames("{__name__=\"redflag_kpi_nps\", tenant=~\".*\"}")).containsExactly("redflag_kpi_nps");
        assertThat(Promql.metricNames("{__name__=~\"redflag_kpi_.+\", tenant=~\".*\"}")).isEmpty();
        assertThat(Promql.metricNames("sum(x) by (type) and sum without (le) (y)")).containsExactly("x", "y");
    }
}
