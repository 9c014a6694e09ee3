package dev.redflag.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the decoder shares between records instead of copying; the values are EventDecoderTest's. */
class EventDecoderSharingTest {

    private final EventDecoder decoder = new EventDecoder();

    private SessionEvent session(String id) {
        String json = "{\"type\":\"session\",\"ts\":\"2024-01-01T00:01:01.431Z\",\"tenant\":\"acme\","
                + "\"dims\":{\"device\":\"mobile\"},\"session_id\":\"" + id + "\",\"page\":\"/pricing\","
                + "\"channel\":\"ads\",\"pageviews\":2}";
        return (SessionEvent) decoder.decode(json.getBytes(StandardCharsets.UTF_8)).event();
    }

    @Test
    void repeatedLabelsAreOneInstanceAcrossRecords() {
        SessionEvent first = session("s1");
        SessionEvent second = session("s2");

        assertThat(second.tenant()).isEqualTo("acme").isSameAs(first.tenant());
        assertThat(second.page()).isEqualTo("/pricing").isSameAs(first.page());
        assertThat(second.channel()).isEqualTo("ads").isSameAs(first.channel());
        assertThat(second.dims().get("device")).isEqualTo("mobile").isSameAs(first.dims().get("device"));
        assertThat(second.sessionId()).isEqualTo("s2");
        assertThat(second.ts()).isEqualTo(1_704_067_261_431L);
    }

    @Test
    void aRejectedTimestampStillNamesItsText() {
        String json = "{\"type\":\"metric\",\"ts\":\"2024-01-01 00:00:00Z\",\"name\":\"q\",\"value\":1}";

        Decoded d = decoder.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(d.reason()).isEqualTo(DeadLetterReason.BAD_TIMESTAMP);
        assertThat(d.detail()).isEqualTo("field 'ts' must be epoch milliseconds or an ISO-8601 timestamp with "
                + "offset, got string '2024-01-01 00:00:00Z'");
    }

    @Test
    void aFieldOfThePreviousRecordDoesNotLeakIntoTheNext() {
        SessionEvent first = session("s1");
        assertThat(first.channel()).isEqualTo("ads");
        String withoutPageOrChannel = "{\"type\":\"session\",\"ts\":1795507200000,\"session_id\":\"s2\","
                + "\"pageviews\":1}";
        Decoded second = decoder.decode(withoutPageOrChannel.getBytes(StandardCharsets.UTF_8));
        assertThat(second.isOk()).isFalse();
        assertThat(second.detail()).contains("page");
        String withoutChannel = "{\"type\":\"session\",\"ts\":1795507200000,\"session_id\":\"s3\","
                + "\"page\":\"/docs\",\"pageviews\":1}";
        SessionEvent third = (SessionEvent) decoder.decode(withoutChannel.getBytes(StandardCharsets.UTF_8)).event();
        assertThat(third.channel()).isEqualTo("unknown");
        assertThat(third.tenant()).isEqualTo("default");
        assertThat(third.dims()).isEmpty();
    }
}
