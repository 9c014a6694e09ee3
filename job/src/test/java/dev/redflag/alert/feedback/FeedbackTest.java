package dev.redflag.alert.feedback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackTest {

    private static final Instant STARTS = Instant.parse("2026-12-06T10:15:00Z");
    private static final Instant AT = Instant.parse("2026-12-06T10:42:07Z");

    private static Feedback falseAlarm() {
        return new Feedback(FeedbackAction.FALSE_ALARM, "U0123", "ana", "3f9c2a", STARTS, "checkout-drop",
                "CheckoutDrop", new TreeMap<>(Map.of("country", "DE", "severity", "page")), "payments", "{}:{}",
                null, null, AT);
    }

    @Test
    void writesTheDocumentedShape() {
        assertThat(falseAlarm().toJson()).isEqualTo("{\"action\":\"false_alarm\",\"verdict\":\"false_alarm\","
                + "\"user\":{\"id\":\"U0123\",\"name\":\"ana\"},\"fingerprint\":\"3f9c2a\","
                + "\"starts_at\":\"2026-12-06T10:15:00Z\",\"rule\":\"checkout-drop\",\"alertname\":\"CheckoutDrop\","
                + "\"labels\":{\"country\":\"DE\",\"severity\":\"page\"},\"receiver\":\"payments\","
                + "\"group_key\":\"{}:{}\",\"snoozed_until\":null,\"silence_id\":null,"
                + "\"at\":\"2026-12-06T10:42:07Z\"}");
    }

    @Test
    void writesTheVerdictForTheAlertsTopicWithAKindThatTellsItFromATransition() {
        assertThat(falseAlarm().toAlertsTopicJson()).isEqualTo("{\"kind\":\"feedback\",\"alert\":\"CheckoutDrop\","
                + "\"rule\":\"checkout-drop\",\"fingerprint\":\"3f9c2a\",\"startsAt\":\"2026-12-06T10:15:00Z\","
                + "\"labels\":{\"country\":\"DE\",\"severity\":\"page\"},\"verdict\":\"false_alarm\","
                + "\"action\":\"false_alarm\",\"user\":{\"id\":\"U0123\",\"name\":\"ana\"},"
                + "\"at\":\"2026-12-06T10:42:07Z\"}");
    }

    @Test
    void readsBackWhatItWrote() throws Feedback.Malformed {
        Feedback verdict = falseAlarm();
        assertThat(Feedback.parse(bytes(verdict.toJson()))).isEqualTo(verdict);
        assertThat(Feedback.parse(bytes(verdict.toJson())).verdict()).contains(Verdict.FALSE_ALARM);

        Feedback snooze = new Feedback(FeedbackAction.SNOOZE, "U0123", null, "3f9c2a", STARTS, "checkout-drop",
                "CheckoutDrop", new TreeMap<>(), "payments", null, Instant.parse("2026-12-07T08:00:00Z"), "s-1", AT);
        Feedback read = Feedback.parse(bytes(snooze.toJson()));
        assertThat(read).isEqualTo(snooze);
        assertThat(read.verdict()).isEmpty();
        assertThat(read.userName()).isNull();
        assertThat(read.groupKey()).isNull();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws Feedback.Malformed {
        String json = falseAlarm().toJson().replace("\"at\":", "\"team\":\"core\",\"at\":");
        assertThat(Feedback.parse(bytes(json))).isEqualTo(falseAlarm());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                  | {\"action\":                           | not JSON",
            "an array                  | []                                     | not a JSON object",
            "no action                 | {\"verdict\":null}                      | no action",
            "unknown action            | {\"action\":\"escalate\"}               | unknown action \"escalate\"",
            "action not a string       | {\"action\":1}                          | action is not a string",
    })
    void refusesWhatIsNotARecord(String name, String json, String reason) {
        assertThatThrownBy(() -> Feedback.parse(bytes(json))).isInstanceOf(Feedback.Malformed.class)
                .hasMessage(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "verdict of another action | \"verdict\":\"false_alarm\" | \"verdict\":\"real\"          | verdict \"real\" does not go with action false_alarm",
            "no verdict on a verdict   | \"verdict\":\"false_alarm\" | \"verdict\":null              | verdict null does not go with action false_alarm",
            "no fingerprint            | \"fingerprint\":\"3f9c2a\", |                                | no fingerprint",
            "empty fingerprint         | \"fingerprint\":\"3f9c2a\"  | \"fingerprint\":\"\"           | fingerprint is empty",
            "start not a time          | \"starts_at\":\"2026-12-06T10:15:00Z\" | \"starts_at\":\"yesterday\" | starts_at is not an ISO-8601 UTC time: \"yesterday\"",
            "start as epoch millis     | \"starts_at\":\"2026-12-06T10:15:00Z\" | \"starts_at\":1796638500000 | starts_at is not a string",
            "no user                   | \"user\":{\"id\":\"U0123\",\"name\":\"ana\"} | \"user\":null     | no user object",
            "no user id                | \"user\":{\"id\":\"U0123\",\"name\":\"ana\"} | \"user\":{\"name\":\"ana\"} | no id",
            "label not a string        | \"country\":\"DE\"          | \"country\":49                 | label country is not a string",
            "no rule                   | \"rule\":\"checkout-drop\", |                                | no rule",
            "no time                   | ,\"at\":\"2026-12-06T10:42:07Z\" |                         | no at",
    })
    void refusesARecordWithAFieldWrong(String name, String field, String replacement, String reason) {
        String json = falseAlarm().toJson();
        assertThat(json).contains(field);
        String broken = json.replace(field, replacement == null ? "" : replacement);
        assertThatThrownBy(() -> Feedback.parse(bytes(broken))).isInstanceOf(Feedback.Malformed.class)
                .hasMessage(reason);
    }

    @Test
    void refusesAnEmptyRecordAndCutsLongTextsInItsReason() {
        assertThatThrownBy(() -> Feedback.parse(new byte[0])).hasMessage("empty record");
        assertThatThrownBy(() -> Feedback.parse(null)).hasMessage("empty record");
        String longAction = "x".repeat(100);
        assertThatThrownBy(() -> Feedback.parse(bytes("{\"action\":\"" + longAction + "\"}")))
                .hasMessage("unknown action \"" + "x".repeat(40) + "…\"");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
