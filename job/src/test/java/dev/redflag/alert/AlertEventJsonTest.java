package dev.redflag.alert;

import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;

import dev.redflag.rules.eval.ChartData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alerts topic's JSON with and without the chart of a firing. */
class AlertEventJsonTest {

    private static final long AT = Instant.parse("2026-11-23T11:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    private final AlertEventJson json = new AlertEventJson();

    private static AlertEvent firing() {
        Transition t = new Transition(Transition.Phase.FIRING, AT, AT, AlertState.NO_TIME, 0.6, 0.4, 50,
                AT - HOUR, AT, false, "1h");
        return new AlertEvent("web/BounceRising", "BounceRising", "warning", false, "f00d", "bounce_rate", "1h",
                new TreeMap<>(Map.of("page", "/pricing")), Map.of(), t);
    }

    @Test
    void aVerdictOnTheAlertsTopicIsToldApartFromATransitionAndNotReadAsOne() {
        AlertEvent alert = firing();
        String verdict = new Feedback(FeedbackAction.FALSE_ALARM, "U0123", "ana", alert.fingerprint(),
                Instant.ofEpochMilli(AT), alert.ruleId(), alert.alertname(), alert.labels(), "web", null, null, null,
                Instant.ofEpochMilli(AT + HOUR)).toAlertsTopicJson();

        assertThat(json.isTransition(json.write(alert))).isTrue();
        assertThat(json.isTransition(verdict)).isFalse();
        assertThatThrownBy(() -> json.read(verdict)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a feedback record, not an alert transition");
    }

    @Test
    void theChartIsACompactObjectOfNumbersThatReadsBack() {
        ChartData chart = new ChartData("ratio", HOUR, AT - HOUR, AT, List.of(
                new ChartData.Point(AT - 2 * HOUR, 0.4, 0.4, Double.NaN, 0.642198),
                new ChartData.Point(AT - HOUR, 0.6, 0.4, Double.NaN, 0.642198)));
        AlertEvent event = firing().withChart(chart);
        String text = json.write(event);
        assertThat(text).endsWith(",\"judgedWindow\":\"1h\",\"chart\":{\"unit\":\"ratio\",\"step\":3600000,"
                + "\"firingStart\":1795428000000,\"firingEnd\":1795431600000,\"points\":["
                + "[1795424400000,0.4,0.4,null,0.642198],[1795428000000,0.6,0.4,null,0.642198]]}}");
        assertThat(json.read(text)).isEqualTo(event);
    }

    @Test
    void jsonWrittenBeforeChartsReadsAsAnEventWithoutOne() {
        String old = "{\"alert\":\"BounceRising\",\"rule\":\"web/BounceRising\",\"state\":\"firing\","
                + "\"labels\":{\"page\":\"/pricing\"},\"annotations\":{},\"startsAt\":\"2026-11-23T11:00:00Z\","
                + "\"endsAt\":null,\"at\":\"2026-11-23T11:00:00Z\",\"value\":0.6,\"baseline\":0.4,\"change\":50,"
                + "\"windowStart\":\"2026-11-23T10:00:00Z\",\"windowEnd\":\"2026-11-23T11:00:00Z\","
                + "\"kpi\":\"bounce_rate\",\"window\":\"1h\",\"severity\":\"warning\",\"fingerprint\":\"f00d\","
                + "\"mode\":\"live\",\"flapping\":false,\"judgedWindow\":\"1h\"}";
        AlertEvent read = json.read(old);
        assertThat(read).isEqualTo(firing());
        assertThat(read.chart()).isNull();
        // written back with the plain texts a record without them reads with
        assertThat(json.write(read)).isEqualTo(old.replace("\"change\":50,",
                "\"change\":50,\"valueText\":\"0.6\",\"baselineText\":\"0.4\",\"changeText\":\"+50%\","));
    }

    @Test
    void examplesAreAListOfObjectsWithTheirFieldsThatReadsBack() {
        AlertEvent event = firing().withExamples(List.of(
                new AlertExample("3f2a9c01b7e4", List.of(dev.redflag.kpi.ExampleField.text("plan", "pro"),
                        dev.redflag.kpi.ExampleField.number("mrr", 49)), AT - 1_800_000, -1),
                new AlertExample(null, List.of(dev.redflag.kpi.ExampleField.text("channel", "paid")), AT - HOUR,
                        93_600_000)));
        String text = json.write(event);
        assertThat(text).endsWith(",\"judgedWindow\":\"1h\",\"examples\":["
                + "{\"id\":\"3f2a9c01b7e4\",\"at\":\"2026-11-23T10:30:00Z\",\"plan\":\"pro\",\"mrr\":49},"
                + "{\"at\":\"2026-11-23T10:00:00Z\",\"channel\":\"paid\",\"age\":93600}]}");
        assertThat(json.read(text)).isEqualTo(event);
        assertThat(json.read(json.write(firing())).examples()).isEmpty();
    }

    @Test
    void aWritersExtraFieldsComeLastAndReadBackAsTheSameEvent() {
        AlertEventJson withLinks = new AlertEventJson(e -> {
            Map<String, String> links = new java.util.LinkedHashMap<>();
            links.put("chart_url", "https://g.example/render/" + e.kpi());
            links.put("dashboard_url", null);
            return links;
        });
        String text = withLinks.write(firing());
        assertThat(text).endsWith(",\"judgedWindow\":\"1h\",\"chart_url\":\"https://g.example/render/bounce_rate\"}");
        assertThat(json.read(text)).isEqualTo(firing());
    }
}
