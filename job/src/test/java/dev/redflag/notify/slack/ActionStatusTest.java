package dev.redflag.notify.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.alert.AlertEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestAlerts RULE = TestAlerts.rule("web", "BounceRateRising", "critical", "bounce_rate");
    private static final AlertEvent HOME = RULE.firing(Map.of("page", "/home"), 0.5, 0.3, 66);
    private static final AlertEvent PRICING = RULE.firing(Map.of("page", "/pricing"), 0.5, 0.3, 66);

    private final SlackMessage posted = SlackMessage.forGroup("BounceRateRising", List.of(HOME, PRICING),
            Links.none(), new ActionTarget("growth", "g"));

    @Test
    void theStatusGoesUnderTheAlertsButtonsAndASecondOneReplacesIt() throws Exception {
        JsonNode original = JSON.readTree(posted.toJson());

        SlackMessage acked = ActionStatus.of("C1", posted.text(), original.get("blocks").toString(),
                PRICING.fingerprint(), "Acknowledged by <@U1> at 10:42");
        JsonNode once = JSON.readTree(acked.toUpdateJson("C1", "17.1"));
        SlackMessage snoozed = ActionStatus.of("C1", acked.text(), once.get("blocks").toString(),
                PRICING.fingerprint(), "Snoozed until 11:42 by <@U1>");
        JsonNode twice = JSON.readTree(snoozed.toUpdateJson("C1", "17.1"));

        assertThat(types(original)).containsExactly("header", "section", "actions", "section", "actions", "context");
        assertThat(types(once)).containsExactly("header", "section", "actions", "section", "actions", "context",
                "context");
        assertThat(once.get("blocks").get(5).get("block_id").asText()).isEqualTo("redflag.status." + PRICING.fingerprint());
        assertThat(once.get("blocks").get(5).get("elements").get(0).get("text").asText())
                .isEqualTo("Acknowledged by <@U1> at 10:42");
        assertThat(types(twice)).isEqualTo(types(once));
        assertThat(twice.get("blocks").get(5).get("elements").get(0).get("text").asText())
                .isEqualTo("Snoozed until 11:42 by <@U1>");
        assertThat(twice.get("blocks").get(4)).isEqualTo(original.get("blocks").get(4));
        assertThat(twice.get("ts").asText()).isEqualTo("17.1");
        assertThat(twice.get("text").asText()).isEqualTo(posted.text());
    }

    @Test
    void blocksThatAreNotBlockKitAreRefused() {
        assertThatThrownBy(() -> ActionStatus.of("C1", "t", "{\"not\":\"a list\"}", "f", "s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> types(JsonNode message) {
        List<String> out = new ArrayList<>();
        message.get("blocks").forEach(b -> out.add(b.get("type").asText()));
        return out;
    }
}
