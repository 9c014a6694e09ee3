package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertActionTest {

    private static final AlertEvent ALERT = TestAlerts.rule("web-engagement", "BounceRateRising", "critical",
            "bounce_rate").firing(Map.of("page", "/pricing"), 0.43, 0.31, 38.7);

    @Test
    void aButtonValueReadsBackAsTheSameAction() {
        AlertAction action = AlertAction.of(ALERT, "growth", "route:{}:{}");
        String value = action.toValue().orElseThrow();

        assertThat(value).isEqualTo("{\"f\":\"" + ALERT.fingerprint() + "\",\"s\":1793616300000,"
                + "\"i\":\"web-engagement/BounceRateRising\",\"a\":\"BounceRateRising\",\"r\":\"growth\","
                + "\"g\":\"route:{}:{}\",\"l\":{\"alertname\":\"BounceRateRising\",\"kpi\":\"bounce_rate\","
                + "\"page\":\"/pricing\",\"severity\":\"critical\",\"window\":\"1h\"}}");
        assertThat(AlertAction.parse(value)).isEqualTo(action);
    }

    @Test
    void theGroupKeyGoesFirstWhenTheValueIsOverSlacksLimitThenTheButtons() {
        AlertAction longGroup = AlertAction.of(ALERT, "growth", "g".repeat(2000));
        assertThat(AlertAction.parse(longGroup.toValue().orElseThrow()).groupKey()).isNull();

        TreeMap<String, String> labels = new TreeMap<>(ALERT.labels());
        labels.put("query", "q".repeat(2000));
        AlertAction longLabels = new AlertAction(ALERT.fingerprint(), 1, "r", "a", "growth", null, labels);
        assertThat(longLabels.toValue()).isEmpty();
    }

    @Test
    void valuesItDidNotWriteAreRefused() {
        for (String bad : new String[]{null, "", "[]", "{\"f\":1}", "{\"f\":\"x\",\"s\":\"soon\",\"i\":\"r\","
                + "\"a\":\"a\",\"r\":\"g\",\"l\":{}}", "{\"f\":\"x\",\"s\":1,\"i\":\"r\",\"a\":\"a\",\"r\":\"g\"}"}) {
            assertThatThrownBy(() -> AlertAction.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
