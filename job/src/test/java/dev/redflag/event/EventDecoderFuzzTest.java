package dev.redflag.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;

/**
 * Any bytes on the events topic: the decoder returns an event or a dead letter with a short,
 * one-line reason, and never throws. Seeds are the demo's records (good ones of every type and
 * its broken ones); see docs/development.md for the long run.
 */
class EventDecoderFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reused across inputs as a Flink subtask reuses it, so state left over from one record shows. */
    private final EventDecoder decoder = new EventDecoder();
    private final EventDecoder jackson = EventDecoder.jacksonOnly();

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
        // the scanner reads what it reads exactly as Jackson does, reasons and details included
        assertThat(jackson.decode(record)).isEqualTo(decoded);
    }

    /**
     * Strict UTF-8 (JSON between systems is UTF-8, RFC 8259) that Jackson reads as one document.
     * Read from text, not bytes: Jackson's byte parser checks the UTF-8 of field names only the first
     * time it meets a name (see Utf8Guard), or not at all without its table of names.
     */
    private static boolean isOneJsonDocument(byte[] record) {
        String text;
        try {
            text = UTF_8.newDecoder().decode(ByteBuffer.wrap(record)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && !node.isMissingNode();
        } catch (IOException e) {
            return false;
        }
    }
}
