package dev.redflag.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Any bytes on the events topic: the decoder returns an event or a dead letter with a short,
 * one-line reason, and never throws. Seeds are the demo's records (good ones of every type and
 * its broken ones); see docs/development.md for the long run.
 */
class EventDecoderFuzzTest {

    /** Without Jackson's shared table of field names, which lets a 0xFF byte in a name pass (see Utf8Guard). */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reused across inputs as a Flink subtask reuses it, so state left over from one record shows. */
    private final EventDecoder decoder = new EventDecoder();

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "events.dict")
    void decodesOrDeadLetters(byte[] record) {
        Decoded decoded = decoder.decode(record);

        if (decoded.isOk()) {
            Event e = decoded.event();
            assertThat(e.ts()).isNotNegative();
            assertThat(e.tenant()).isNotEmpty();
            assertThat(e.dims()).isNotNull();
        } else {
            assertThat(decoded.detail()).as("reason of %s", decoded.reason()).isNotBlank()
                    .hasSizeLessThanOrEqualTo(Details.MAX_DETAIL)
                    .doesNotContainPattern("[\\x00-\\x1f\\x7f]");
            if (decoded.reason() == DeadLetterReason.NOT_JSON) {
                // a record Jackson reads as one JSON document is judged on its content, never
                // called "not JSON" (which is also where an unexpected exception would land)
                assertThat(isOneJsonDocument(record)).as("'%s' is JSON", decoded.detail()).isFalse();
            }
        }
        // a pure function of the bytes: a fresh decoder agrees with the reused one
        assertThat(new EventDecoder().decode(record)).isEqualTo(decoded);
    }

    private static boolean isOneJsonDocument(byte[] record) {
        try {
            JsonNode node = JSON.readTree(record);
            return node != null && !node.isMissingNode();
        } catch (IOException e) {
            return false;
        }
    }
}
